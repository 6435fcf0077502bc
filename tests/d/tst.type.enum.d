/*
 * ASSERTION: Enumerators count up from 0 or from an explicit value.
 */

#pragma D option quiet

enum color { RED, GREEN = 5, BLUE };

BEGIN
{
	printf("%d %d %d %d\n", RED, GREEN, BLUE, BLUE + 1);
	exit(0);
}
