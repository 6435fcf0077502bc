continued

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid size (0xffffffffffffffff) in action #3
