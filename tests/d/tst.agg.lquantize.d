/*
 * ASSERTION: lquantize() prints linear buckets with < and >= edge
 *   labels.
 */

#pragma D option quiet

BEGIN
{
	@l = lquantize(5, 0, 100, 10);
	@l = lquantize(15, 0, 100, 10);
	@l = lquantize(15, 0, 100, 10);
	@l = lquantize(95, 0, 100, 10);
	@l = lquantize(150, 0, 100, 10);
	@l = lquantize(-1, 0, 100, 10);
	exit(0);
}
