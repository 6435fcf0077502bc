4 D

