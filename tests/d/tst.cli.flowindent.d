/*
 * ASSERTION: With -F the header is CPU FUNCTION and probes that are
 *   neither entry nor return are prefixed with "| ".
 */
/* @@runtest-opts: -F */

BEGIN
{
	trace("x");
	exit(0);
}
