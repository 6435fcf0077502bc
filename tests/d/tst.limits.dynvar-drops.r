i = 200

-- @@stderr --
udtrace: N dynamic variable drops
