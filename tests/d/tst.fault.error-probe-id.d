/*
 * ASSERTION: The ERROR probe has ID 3 and name ERROR.
 */

#pragma D option quiet

BEGIN
{
	x = *(int *)8;
}

ERROR
{
	printf("%d %s:%s\n", id, probeprov, probename);
	exit(0);
}
