
  a                                                                 9
  a                                                                 4
