/*
 * ASSERTION: a destructive action may not follow speculate(); with -w
 *   the compile-time check reports it.
 */
/* @@runtest-opts: -w */

BEGIN
{
	speculate(speculation());
	chill(10);
}
