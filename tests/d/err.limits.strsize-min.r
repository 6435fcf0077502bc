-- @@stderr --
udtrace: failed to set -x strsize: Invalid value for specified option
