/*
 * ASSERTION: With -x defaultargs, unset $1 is 0 and $$1 is the empty
 *   string.
 */
/* @@runtest-opts: -x defaultargs */

#pragma D option quiet

BEGIN
{
	printf("%d [%s]\n", $1, $$1);
	exit(0);
}
