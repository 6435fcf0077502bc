
  y                                                                 3
  x                                                                10
