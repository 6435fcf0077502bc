/*
 * ASSERTION: a declared variable is known when calls are parsed: calling
 *   it is a kind error.
 */

int x;

BEGIN
{
	x();
}
