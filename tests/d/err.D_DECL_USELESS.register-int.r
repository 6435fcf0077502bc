-- @@stderr --
udtrace: failed to compile script err.D_DECL_USELESS.register-int.d: [D_DECL_USELESS] line 6: useless declaration
