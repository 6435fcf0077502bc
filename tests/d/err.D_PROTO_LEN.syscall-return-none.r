-- @@stderr --
udtrace: failed to compile script err.D_PROTO_LEN.syscall-return-none.d: [D_PROTO_LEN] line 8: syscall_return( ) prototype mismatch: 0 args passed, 1 expected
