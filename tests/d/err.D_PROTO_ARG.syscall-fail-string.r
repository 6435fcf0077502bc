-- @@stderr --
udtrace: failed to compile script err.D_PROTO_ARG.syscall-fail-string.d: [D_PROTO_ARG] line 8: syscall_fail( ) argument #1 is incompatible with prototype:
	prototype: int
	 argument: string
