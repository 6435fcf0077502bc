/*
 * ASSERTION: Casts from narrower signed types sign-extend; from
 *   unsigned types zero-extend.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", (int)(char)200, (long long)(int)-1,
		(unsigned long long)(unsigned int)-1);
	exit(0);
}
