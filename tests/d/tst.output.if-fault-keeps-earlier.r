before

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): divide-by-zero in action #3
