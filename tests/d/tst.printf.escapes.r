a	b\c"dAB

