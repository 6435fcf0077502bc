/*
 * ASSERTION: Data recorded by a clause before its fault is discarded.
 */

#pragma D option quiet

BEGIN
{
	printf("lost\n");
	x = *(int *)8;
	printf("also lost\n");
}

BEGIN
{
	printf("kept\n");
	exit(0);
}
