-- @@stderr --
udtrace: failed to compile script err.D_DECL_SCOPE.enumerator.d: [D_DECL_SCOPE] line 6: D scoping operator may not be used in an enumerator name (A`B)
