lo|ll

