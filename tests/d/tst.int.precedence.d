/*
 * ASSERTION: C operator precedence and associativity.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", 2 + 3 * 4, (2 + 3) * 4, 1 << 2 + 1,
		1 | 2 & 3, 10 - 4 - 3, 100 / 10 / 5);
	printf("%d %d %d %d %d\n", 1 + 2 == 3, 5 & 3 == 3, -2 * -3, !0 + 1,
		~1 & 0xf);
	exit(0);
}
