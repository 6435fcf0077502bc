/*
 * ASSERTION: "#line N" may set the line number to INT_MAX; the lines that
 *   follow do not overflow it (dtrace counts lines in an int).
 */

#pragma D option quiet
#line 2147483647
BEGIN
{
	printf("ok\n");
	exit(0);
}
