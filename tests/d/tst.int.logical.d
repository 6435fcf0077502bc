/*
 * ASSERTION: Logical &&, ||, ^^ and ! yield 0 or 1.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d %d\n", 1 && 0, 1 || 0, !5, !0, 1 ^^ 1, 1 ^^ 0,
		5 && 7);
	exit(0);
}
