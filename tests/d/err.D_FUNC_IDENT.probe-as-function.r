-- @@stderr --
udtrace: failed to compile script err.D_FUNC_IDENT.probe-as-function.d: [D_FUNC_IDENT] line 8: function designator is not of function type
