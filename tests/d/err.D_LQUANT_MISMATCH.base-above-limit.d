/*
 * ASSERTION: lquantize() base must not exceed its limit.
 */

BEGIN
{
	@l = lquantize(1, 10, 0, 1);
	exit(0);
}
