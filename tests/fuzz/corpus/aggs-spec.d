BEGIN { @ = lquantize(1, 0, 10, 1); @q = llquantize(5, 10, 0, 6, 20); speculate(speculation()); }
