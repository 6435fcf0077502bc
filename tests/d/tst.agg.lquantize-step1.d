/*
 * ASSERTION: lquantize() without a step uses step 1.
 */

#pragma D option quiet

BEGIN
{
	@l = lquantize(3, 1, 10);
	exit(0);
}
