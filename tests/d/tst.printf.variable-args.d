/*
 * ASSERTION: printf() arguments may be variables and expressions.
 */

#pragma D option quiet

BEGIN
{
	x = 6;
	s = "six";
	printf("%s=%d twice=%d\n", s, x, x * 2);
	exit(0);
}
