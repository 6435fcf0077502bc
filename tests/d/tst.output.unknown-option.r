-- @@stderr --
udtrace: failed to set -x nosuchoption: Invalid option name
