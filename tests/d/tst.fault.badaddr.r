continued

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): invalid address (0x8) in action #1
