/*
 * ASSERTION: an aggregation's key tuple has at most 8 members (the tuple
 *   registers), like an associative array's; more fail at compile time
 *   with dtrace's EDT_NOTUPREG message, which has no tag and no line.
 */

BEGIN
{
	@a[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] = count();
}
