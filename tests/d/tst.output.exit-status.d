/*
 * ASSERTION: exit(N) makes dtrace exit with status N after printing the
 *   output.
 */
/* @@exit: 3 */

#pragma D option quiet

BEGIN
{
	printf("exiting\n");
	exit(3);
}
