/*
 * ASSERTION: Dereferencing a bad address fires ERROR and prints
 *   dtrace's error message with the address.
 */

#pragma D option quiet

BEGIN
{
	x = *(int *)8;
}

BEGIN
{
	printf("continued\n");
	exit(0);
}
