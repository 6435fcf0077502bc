BEGIN { s = "a\tb\x41\101"; printf("%-10s|%5.2d|%c\n", substr(strjoin(s, "x"), 1, 3), 7, '\n'); exit(0); }
