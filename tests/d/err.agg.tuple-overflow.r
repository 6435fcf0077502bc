-- @@stderr --
udtrace: failed to compile script err.agg.tuple-overflow.d: Insufficient tuple registers to generate code
