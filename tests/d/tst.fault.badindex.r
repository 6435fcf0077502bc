continued

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): index out of bounds (5) in action #2
udtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): index out of bounds (-1) in action #2
