a	b\c|5

