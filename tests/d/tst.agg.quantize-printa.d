/*
 * ASSERTION: printa() of a quantize() aggregation prints the histogram.
 */

#pragma D option quiet

BEGIN
{
	@q = quantize(64);
	printa(@q);
	exit(0);
}
