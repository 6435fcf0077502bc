/*
 * ASSERTION: The ERROR probe gets the fault type in arg4 (1 = invalid
 *   address) and the address in arg5.
 */

#pragma D option quiet

BEGIN
{
	x = *(int *)16;
}

ERROR
{
	printf("%d %d\n", arg4, arg5);
}

BEGIN
{
	exit(0);
}
