/*
 * ASSERTION: Several aggregations are printed at exit in the order they
 *   first appear in the program, with no separator.
 */

#pragma D option quiet

BEGIN
{
	@z = count();
	@a = sum(2);
	@m["k"] = max(9);
	exit(0);
}
