ab3

