/*
 * ASSERTION: Assigning 0 to a self-> variable frees it; it then reads
 *   as 0.
 */

#pragma D option quiet

BEGIN
{
	self->v = 7;
	self->v = 0;
	printf("%d\n", self->v);
	exit(0);
}
