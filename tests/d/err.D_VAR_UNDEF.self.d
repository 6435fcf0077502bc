/*
 * ASSERTION: Reading a self-> variable that was never assigned is an
 *   error.
 */

BEGIN
{
	trace(self->nope);
	exit(0);
}
