/*
 * ASSERTION: lquantize() step must be a positive constant.
 */

BEGIN
{
	@l = lquantize(1, 0, 10, 0);
	exit(0);
}
