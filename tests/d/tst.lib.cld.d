/*
 * ASSERTION: The D library defines SIGCHLD's si_code values CLD_*
 *   (the proc provider's exit reasons) with Linux's values.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", CLD_EXITED, CLD_KILLED, CLD_DUMPED,
	    CLD_TRAPPED, CLD_STOPPED, CLD_CONTINUED);
	exit(0);
}
