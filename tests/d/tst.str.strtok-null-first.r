fault 1 at 0

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (0x0) in action #1
