
-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (0xffffd00000000010) in action #3
