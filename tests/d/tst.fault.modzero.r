fault 4

