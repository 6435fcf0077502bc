-- @@stderr --
udtrace: failed to compile script err.D_FUNC_UNDEF.assigned-variable.d: [D_FUNC_UNDEF] line 10: undefined function name: x
