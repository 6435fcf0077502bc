/*
 * ASSERTION: %lld, %llu and %llx print long long arguments.
 */

#pragma D option quiet

BEGIN
{
	printf("%lld %llu %llx\n", (long long)-3, (unsigned long long)3, (long long)-1);
	exit(0);
}
