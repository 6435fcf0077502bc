ello|ell|he|o

