-- @@stderr --
udtrace: failed to compile script err.D_UNKNOWN.signed-unsigned.d: [D_UNKNOWN] line 5: failed to resolve type signed unsigned : Unknown type name
