-- @@stderr --
udtrace: failed to compile script err.D_FUNC_IDKIND.declared-variable.d: [D_FUNC_IDKIND] line 10: scalar 'x' may not be referenced as a function
