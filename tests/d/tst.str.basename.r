libc.so.6|foo|usr|/

