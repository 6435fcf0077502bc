CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN  -9223372036854775808

