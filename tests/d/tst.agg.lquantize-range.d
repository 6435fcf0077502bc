/*
 * ASSERTION: lquantize() shows only the range around non-empty buckets.
 */

#pragma D option quiet

BEGIN
{
	@l = lquantize(50, 0, 100, 5);
	@l = lquantize(52, 0, 100, 5);
	@l = lquantize(61, 0, 100, 5);
	exit(0);
}
