-- @@stderr --
udtrace: failed to compile script err.D_DECL_BADCLASS.inline.d: [D_DECL_BADCLASS] line 5: specified storage class not appropriate for inline declaration
