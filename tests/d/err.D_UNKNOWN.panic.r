-- @@stderr --
udtrace: failed to compile script err.D_UNKNOWN.panic.d: [D_UNKNOWN] line 8: panic( ) acts on the kernel: udtrace has no kernel component
