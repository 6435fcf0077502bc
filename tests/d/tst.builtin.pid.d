/*
 * ASSERTION: In BEGIN, pid and tid are those of the tracer itself
 *   ($pid).
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", pid == $pid, pid > 0, tid > 0);
	exit(0);
}
