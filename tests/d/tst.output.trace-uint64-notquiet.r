CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN  18446744073709551615

