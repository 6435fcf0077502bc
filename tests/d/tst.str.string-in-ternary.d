/*
 * ASSERTION: A ternary can choose between string values.
 */

#pragma D option quiet

BEGIN
{
	x = 0;
	s = x ? "yes" : "no";
	printf("%s\n", s);
	exit(0);
}
