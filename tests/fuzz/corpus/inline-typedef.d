inline int N = 3 * 4;
typedef unsigned long ulong_t;
BEGIN { trace((ulong_t)N << 2 | 1 ? sizeof (ulong_t) : -1); exit(0); }
