/*
 * ASSERTION: Character constants take part in integer arithmetic.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %c %d\n", 'a' + 1, 'a' + 1, 'z' - 'a');
	exit(0);
}
