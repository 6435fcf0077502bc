/*
 * ASSERTION: lquantize() takes an increment as fifth argument.
 */

#pragma D option quiet

BEGIN
{
	@l = lquantize(3, 0, 10, 1, 4);
	exit(0);
}
