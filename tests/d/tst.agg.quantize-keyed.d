/*
 * ASSERTION: A keyed quantize() prints the key then the histogram, then
 *   an empty line.
 */

#pragma D option quiet

BEGIN
{
	@q["bash"] = quantize(20000);
	exit(0);
}
