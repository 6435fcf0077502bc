/*
 * ASSERTION: -x aggsortkey on the command line is the same as the
 *   pragma.
 */
/* @@runtest-opts: -x aggsortkey */

#pragma D option quiet

BEGIN
{
	@a["b"] = sum(1);
	@a["a"] = sum(2);
	exit(0);
}
