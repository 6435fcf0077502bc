/usr/lib|.|/|/

