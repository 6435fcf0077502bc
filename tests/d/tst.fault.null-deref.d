/*
 * ASSERTION: Dereferencing NULL faults.
 */

#pragma D option quiet

BEGIN
{
	x = *(char *)NULL;
}

ERROR
{
	printf("error\n");
	exit(0);
}
