-- @@stderr --
udtrace: failed to compile script err.assoc.tuple-overflow.d: Insufficient tuple registers to generate code
