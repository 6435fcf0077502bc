1 2 3 0
0 2 3 4

-- @@stderr --
udtrace: 1 dynamic variable drop
