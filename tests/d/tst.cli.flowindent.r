CPU FUNCTION                                 
  0 | :BEGIN                                    x                                

