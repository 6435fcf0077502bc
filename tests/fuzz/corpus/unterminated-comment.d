/* unterminated comment
BEGIN { }
