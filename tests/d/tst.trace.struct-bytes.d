/*
 * ASSERTION: trace() of a struct, a union or a non-char array prints the
 *   hex byte table even when its bytes look like a string; only a char
 *   array is printed as a string (Oracle actions/trace/tst.struct-1-byte,
 *   tst.array).
 */

#pragma D option quiet

struct S { char c[4]; };
union U { char c[4]; int i; };
struct S s;
union U u;
int ia[2];
char ca[4];

BEGIN
{
	s.c[0] = 'a'; s.c[1] = 'b'; s.c[2] = 'c';
	u.c[0] = 'x'; u.c[1] = 'y';
	ia[0] = 0x41424344;
	ca[0] = 'd'; ca[1] = 'e';
	trace(s);
	trace(u);
	trace(ia);
	trace(ca);
	printf("\n");
	exit(0);
}
