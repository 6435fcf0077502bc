#pragma D option quiet

self int t;
BEGIN /$1 > 0/ { self->t = timestamp; printf("%s\n", $$2); }
ERROR { exit(1); }
