lo|/c

