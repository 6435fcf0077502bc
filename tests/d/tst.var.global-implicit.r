42 str 4

