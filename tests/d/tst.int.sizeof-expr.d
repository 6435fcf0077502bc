/*
 * ASSERTION: sizeof applies to expressions and variables.
 */

#pragma D option quiet

BEGIN
{
	x = (short)1;
	printf("%d %d %d\n", sizeof (x), sizeof x, sizeof ((char)1 + (char)1));
	exit(0);
}
