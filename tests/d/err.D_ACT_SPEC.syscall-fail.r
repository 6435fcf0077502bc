-- @@stderr --
udtrace: failed to compile script err.D_ACT_SPEC.syscall-fail.d: [D_ACT_SPEC] line 11: destructive actions may not follow speculate( )
