/*
 * ASSERTION: The -q command line flag suppresses the header and record
 *   prefixes.
 */
/* @@runtest-opts: -q */

BEGIN
{
	trace("quiet");
	trace("\n");
	exit(0);
}
