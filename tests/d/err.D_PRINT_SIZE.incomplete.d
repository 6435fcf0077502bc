/*
 * ASSERTION: print() of a pointer to a type of size 0 (an incomplete
 *   struct) is refused at compile time.
 */

struct X;

BEGIN
{
	print((struct X *)0);
	exit(0);
}
