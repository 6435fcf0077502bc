b e1 e2

