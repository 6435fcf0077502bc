/*
 * ASSERTION: An unassigned self-> variable reads as 0.
 */

#pragma D option quiet

self int nothing;

BEGIN
{
	printf("%d\n", self->nothing);
	exit(0);
}
