-- @@stderr --
udtrace: failed to compile script err.D_PRAGMA_SCOPE.builtin.d: [D_PRAGMA_SCOPE] line 5: #pragma attributes cannot modify entity defined outside program scope
