CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN x=5
  0      1                           :BEGIN y=6


