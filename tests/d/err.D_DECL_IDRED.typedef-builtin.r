-- @@stderr --
udtrace: failed to compile script err.D_DECL_IDRED.typedef-builtin.d: [D_DECL_IDRED] line 6: global variable identifier redeclared: pid
