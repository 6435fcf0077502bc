/*
 * ASSERTION: A principal buffer too small to hold one record cannot be
 *   enabled: dtrace(1) says "could not enable tracing: Enabling exceeds
 *   size of buffer" and exits 1 (Oracle DTrace's EDT_BUFTOOSMALL; its own
 *   test suite finds 59 bytes too small for this very script).
 */
/* @@runtest-opts: -xbufsize=59 */

BEGIN
{
	exit(0);
}

ERROR
{
	exit(1);
}
