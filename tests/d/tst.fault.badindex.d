/*
 * ASSERTION: An out-of-bounds index into a scalar array faults with
 *   DTRACEFLT_BADINDEX; the error line says "index out of bounds" with
 *   the index in signed decimal, " (%ld)" (Oracle's
 *   arrays/tst.declared-bounds.runtime_out), and tracing goes on.
 */

#pragma D option quiet

int a[3];

BEGIN
{
	x = 5;
	a[x] = 1;
}

BEGIN
{
	y = -1;
	trace(a[y]);
}

BEGIN
{
	printf("continued\n");
	exit(0);
}
