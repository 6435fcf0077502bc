/a/c/d|/a/b/c|/a/b

