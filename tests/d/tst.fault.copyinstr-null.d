/*
 * ASSERTION: copyinstr(0) faults with an invalid address.
 */

#pragma D option quiet

BEGIN
{
	s = copyinstr(0);
}

ERROR
{
	printf("%d %d\n", arg4, arg5);
	exit(0);
}
