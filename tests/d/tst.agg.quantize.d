/*
 * ASSERTION: quantize() prints a power-of-two histogram from one bucket
 *   below the lowest to one above the highest non-empty bucket.
 */

#pragma D option quiet

BEGIN
{
	@q = quantize(1);
	@q = quantize(2);
	@q = quantize(3);
	@q = quantize(4);
	@q = quantize(5);
	@q = quantize(1000);
	exit(0);
}
