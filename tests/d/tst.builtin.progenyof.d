/*
 * ASSERTION: progenyof() is true for the current process itself and for
 *   pid 1.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", progenyof($pid), progenyof(1));
	exit(0);
}
