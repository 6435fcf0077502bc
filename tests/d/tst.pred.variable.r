x is 3

