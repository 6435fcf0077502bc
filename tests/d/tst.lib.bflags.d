/*
 * ASSERTION: The D library (dtrace's io.d) defines the b_flags bits
 *   B_READ, B_WRITE... and procfs.d the process states SSLEEP... as
 *   char constants.
 */

#pragma D option quiet

BEGIN
{
	printf("%x %x %x %x %x %x %x %x\n", B_BUSY, B_DONE, B_ERROR, B_PAGEIO,
	    B_PHYS, B_READ, B_WRITE, B_ASYNC);
	printf("%d %d %d %d %d %d %d %d\n", SSLEEP, SRUN, SZOMB, SSTOP, SIDL,
	    SONPROC, SWAIT, sizeof(SRUN));
	exit(0);
}
