/*
 * ASSERTION: *.* takes width and precision from arguments, in order.
 */

#pragma D option quiet

BEGIN
{
	printf("%*.*s|\n", 8, 2, "abcdef");
	exit(0);
}
