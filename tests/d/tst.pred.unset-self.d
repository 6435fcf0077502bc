/*
 * ASSERTION: A predicate on an unset self-> variable is false.
 */

#pragma D option quiet

self int started;

BEGIN
/self->started/
{
	printf("wrong\n");
}

BEGIN
{
	printf("done\n");
	exit(0);
}
