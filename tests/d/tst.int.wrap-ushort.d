/*
 * ASSERTION: An unsigned short variable wraps from 65535 to 0.
 */

#pragma D option quiet

unsigned short s;

BEGIN
{
	s = 65535;
	s += 2;
	printf("%d\n", s);
	exit(0);
}
