a b c

