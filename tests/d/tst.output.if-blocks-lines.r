CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN           1
  0      1                           :BEGIN           2
  0      1                           :BEGIN           4

