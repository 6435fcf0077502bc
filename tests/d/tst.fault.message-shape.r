done

-- @@stderr --
udtrace: error in dt_clause_1 for probe ID 1 (dtrace:::BEGIN): divide-by-zero in predicate
udtrace: error in dt_clause_2 for probe ID 1 (dtrace:::BEGIN): divide-by-zero in action #2
