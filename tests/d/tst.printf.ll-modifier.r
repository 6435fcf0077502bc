-3 3 ffffffffffffffff

