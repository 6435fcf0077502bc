/*
 * ASSERTION: Reading a this-> variable that was never assigned is an
 *   error.
 */

BEGIN
{
	trace(this->nope);
	exit(0);
}
