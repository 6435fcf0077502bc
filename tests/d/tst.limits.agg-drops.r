
-- @@stderr --
udtrace: N aggregation drops on CPU 0
