
  c                                                                 2
  b                                                                 3
  a                                                                 1
