/*
 * ASSERTION: printa() formats with several keys and widths.
 */

#pragma D option quiet

BEGIN
{
	@a["ab", 7] = count();
	@a["c", 12] = count();
	@a["c", 12] = count();
	printa("%-4s|%3d|%@4u|\n", @a);
	exit(0);
}
