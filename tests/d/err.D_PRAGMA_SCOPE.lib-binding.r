-- @@stderr --
udtrace: failed to compile script err.D_PRAGMA_SCOPE.lib-binding.d: [D_PRAGMA_SCOPE] line 6: #pragma binding cannot modify entity defined outside program scope
