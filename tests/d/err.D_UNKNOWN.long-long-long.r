-- @@stderr --
udtrace: failed to compile script err.D_UNKNOWN.long-long-long.d: [D_UNKNOWN] line 8: failed to resolve type long long long : Unknown type name
