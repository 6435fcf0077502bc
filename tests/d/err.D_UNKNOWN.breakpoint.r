-- @@stderr --
udtrace: failed to compile script err.D_UNKNOWN.breakpoint.d: [D_UNKNOWN] line 8: breakpoint( ) acts on the kernel: udtrace has no kernel component
