/*
 * ASSERTION: sum() adds its argument, including negative values.
 */

#pragma D option quiet

BEGIN
{
	@s = sum(10);
	@s = sum(-3);
	@s = sum(5);
	exit(0);
}
