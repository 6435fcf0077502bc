dt 2

