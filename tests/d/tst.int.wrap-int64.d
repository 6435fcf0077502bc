/*
 * ASSERTION: An int64_t variable wraps from INT64_MAX to INT64_MIN.
 */

#pragma D option quiet

int64_t v;

BEGIN
{
	v = 0x7fffffffffffffff;
	v++;
	printf("%d\n", v);
	exit(0);
}
