/*
 * ASSERTION: quantize(value, incr) adds incr to the bucket.
 */

#pragma D option quiet

BEGIN
{
	@q = quantize(8, 3);
	@q = quantize(16);
	exit(0);
}
