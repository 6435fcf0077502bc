-- @@stderr --
udtrace: failed to compile script err.D_ACT_SPEC.without-w.d: [D_ACT_SPEC] line 10: destructive actions may not follow speculate( )
