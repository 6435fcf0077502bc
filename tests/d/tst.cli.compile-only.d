/*
 * ASSERTION: With -e the script is compiled but not run: nothing is
 *   traced and the exit status is 0.
 */
/* @@runtest-opts: -e */

#pragma D option quiet

BEGIN
{
	printf("should not run\n");
	exit(3);
}
