/*
 * ASSERTION: A 64-byte principal buffer is just large enough for a
 *   script whose clauses record only exit() (and the ERROR probe's
 *   record), as in Oracle DTrace's test suite: the script runs.
 */
/* @@runtest-opts: -xbufsize=64 */

BEGIN
{
	exit(0);
}

ERROR
{
	exit(1);
}
