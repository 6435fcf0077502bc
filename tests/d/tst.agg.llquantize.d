/*
 * ASSERTION: llquantize() prints log-linear buckets: steps within each
 *   power of the factor.
 */

#pragma D option quiet

BEGIN
{
	@l = llquantize(5, 10, 0, 2, 10);
	@l = llquantize(50, 10, 0, 2, 10);
	@l = llquantize(500, 10, 0, 2, 10);
	exit(0);
}
