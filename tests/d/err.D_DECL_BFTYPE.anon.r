-- @@stderr --
udtrace: failed to compile script err.D_DECL_BFTYPE.anon.d: [D_DECL_BFTYPE] line 7: invalid type for bit-field: (anon)
