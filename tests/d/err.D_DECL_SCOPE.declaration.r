-- @@stderr --
udtrace: failed to compile script err.D_DECL_SCOPE.declaration.d: [D_DECL_SCOPE] line 5: D scoping operator may not be used in a declaration name (`xyz)
