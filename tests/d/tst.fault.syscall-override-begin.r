ILLOP 1 in action 1 of epid 1
ILLOP 1 in action 2 of epid 2
ILLOP 1 in action 1 of epid 3

-- @@stderr --
udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): illegal operation in action #1
udtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): illegal operation in action #2
udtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): illegal operation in action #1
