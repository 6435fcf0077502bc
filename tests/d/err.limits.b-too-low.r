-- @@stderr --
udtrace: could not enable tracing: Enabling exceeds size of buffer
