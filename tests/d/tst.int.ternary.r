big 2

