/*
 * ASSERTION: Modulo by zero is a divide-by-zero fault.
 */

#pragma D option quiet

BEGIN
{
	z = 0;
}

BEGIN
{
	x = 5 % z;
}

ERROR
{
	printf("fault %d\n", arg4);
}

BEGIN
{
	exit(0);
}
