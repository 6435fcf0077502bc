Ann is 30 years, 1e in hex, ok

