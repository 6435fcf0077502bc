k 1

