/*
 * ASSERTION: Thread-local self-> variables set in BEGIN are visible in
 *   END (the same thread).
 */

#pragma D option quiet

BEGIN
{
	self->x = 5;
	exit(0);
}

END
{
	printf("%d\n", self->x);
}
