/*
 * ASSERTION: A bad size given to bcopy() faults with DTRACEFLT_BADSIZE;
 *   dtrace's message names it "invalid size" and shows the size in hex,
 *   " (0x%llx)", as for an address (dt_handle_err()), and tracing goes
 *   on.
 */

#pragma D option quiet

BEGIN
{
	s = (char *)alloca(8);
	m = -1;
	bcopy(s, s, m);
}

BEGIN
{
	printf("continued\n");
	exit(0);
}
