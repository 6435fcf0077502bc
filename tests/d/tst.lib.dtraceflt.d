/*
 * ASSERTION: The DTRACEFLT_* fault codes of the D library match the
 *   fault an ERROR clause receives in arg4: a division by zero is
 *   DTRACEFLT_DIVZERO, a bad address DTRACEFLT_BADADDR.
 */

#pragma D option quiet

BEGIN
{
	z = 0;
}

BEGIN
{
	x = 1 / z;
}

BEGIN
{
	x = *(int *)16;
}

ERROR
/arg4 == DTRACEFLT_DIVZERO/
{
	printf("divzero %d\n", arg4);
}

ERROR
/arg4 == DTRACEFLT_BADADDR/
{
	printf("badaddr %d\n", arg4);
}

BEGIN
{
	printf("%d %d %d %d %d %d\n", DTRACEFLT_UNKNOWN, DTRACEFLT_BADADDR,
	    DTRACEFLT_BADALIGN, DTRACEFLT_ILLOP, DTRACEFLT_DIVZERO,
	    DTRACEFLT_NOSCRATCH);
	printf("%d %d %d %d %d %d %d\n", DTRACEFLT_KPRIV, DTRACEFLT_UPRIV,
	    DTRACEFLT_TUPOFLOW, DTRACEFLT_BADSTACK, DTRACEFLT_BADSIZE,
	    DTRACEFLT_BADINDEX, DTRACEFLT_LIBRARY);
	exit(0);
}
