-- @@stderr --
udtrace: failed to compile script err.D_PRINT_SIZE.incomplete.d: [D_PRINT_SIZE] line 10: print( ) argument #1 reference has type 'struct X' with size 0; cannot print( ) it.
