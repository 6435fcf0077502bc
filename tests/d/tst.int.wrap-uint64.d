/*
 * ASSERTION: A uint64_t variable wraps from 0 to UINT64_MAX.
 */

#pragma D option quiet

uint64_t u;

BEGIN
{
	u = 0;
	u--;
	printf("%u\n", u);
	exit(0);
}
