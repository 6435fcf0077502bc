/*
 * ASSERTION: Even in quiet mode dtrace prints one newline when tracing
 *   stops.
 */

#pragma D option quiet

BEGIN
{
	printf("a");
	exit(0);
}
