/*
 * ASSERTION: An unknown -x option is rejected with dtrace's message and
 *   status 1.
 */
/* @@runtest-opts: -x nosuchoption */
/* @@exit: 1 */

BEGIN
{
	exit(0);
}
