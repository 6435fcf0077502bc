-- @@stderr --
udtrace: failed to compile script err.D_SYNTAX.line-max.d: [D_SYNTAX] line 2147483647: syntax error near ";"
