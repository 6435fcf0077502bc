/*
 * ASSERTION: A description with empty provider, module and function
 *   fields (:::BEGIN) matches BEGIN.
 */

#pragma D option quiet

:::BEGIN
{
	printf("ok\n");
	exit(0);
}
