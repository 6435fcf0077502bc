/*
 * ASSERTION: Declared globals of each integer type have that size.
 */

#pragma D option quiet

char c;
short s;
int i;
long l;

BEGIN
{
	printf("%d %d %d %d\n", sizeof (c), sizeof (s), sizeof (i), sizeof (l));
	exit(0);
}
