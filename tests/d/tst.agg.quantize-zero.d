/*
 * ASSERTION: quantize() has a bucket for 0 and one for -1 below it.
 */

#pragma D option quiet

BEGIN
{
	@q = quantize(0);
	@q = quantize(0);
	@q = quantize(0);
	@q = quantize(1);
	exit(0);
}
