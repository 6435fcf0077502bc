/*
 * ASSERTION: Division of unsigned values is unsigned.
 */

#pragma D option quiet

BEGIN
{
	u = (unsigned int)-7;
	v = (uint64_t)-8;
	printf("%u %u %u\n", u / 2, v / 2, u % 10);
	exit(0);
}
