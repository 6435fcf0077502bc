/*
 * ASSERTION: strsize=1 leaves no room for a character: dtrace refuses it
 *   with "failed to set -x strsize: Invalid value for specified option".
 */
/* @@runtest-opts: -xstrsize=1 */

BEGIN
{
	exit(0);
}
