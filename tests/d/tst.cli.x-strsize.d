/*
 * ASSERTION: -x strsize=N limits string lengths like the pragma.
 */
/* @@runtest-opts: -x strsize=5 */

#pragma D option quiet

BEGIN
{
	printf("%s\n", strjoin("abc", "defgh"));
	exit(0);
}
