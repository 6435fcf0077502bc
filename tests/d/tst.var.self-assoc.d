/*
 * ASSERTION: Thread-local associative arrays: self->a[key].
 */

#pragma D option quiet

self int a[int];

BEGIN
{
	self->a[1] = 11;
	self->a[2] = 22;
	printf("%d %d\n", self->a[1], self->a[2]);
	exit(0);
}
