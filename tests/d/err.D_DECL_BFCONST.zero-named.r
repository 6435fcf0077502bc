-- @@stderr --
udtrace: failed to compile script err.D_DECL_BFCONST.zero-named.d: [D_DECL_BFCONST] line 8: positive integral constant expression expected as bit-field size
