
-- @@stderr --
udtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): invalid address (0xffffd00000000000) in action #1
