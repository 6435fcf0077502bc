/*
 * ASSERTION: Assigning a string copies its value.
 */

#pragma D option quiet

BEGIN
{
	s = "first";
	t = s;
	s = "second";
	printf("%s %s\n", t, s);
	exit(0);
}
