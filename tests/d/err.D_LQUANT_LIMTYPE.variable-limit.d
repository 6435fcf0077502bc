/*
 * ASSERTION: lquantize() limit must be a constant.
 */

BEGIN
{
	x = 10;
	@l = lquantize(1, 0, x);
	exit(0);
}
