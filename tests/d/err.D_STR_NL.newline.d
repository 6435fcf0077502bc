/*
 * ASSERTION: A newline inside a string literal is an error.
 */

BEGIN
{
	trace("abc
def");
	exit(0);
}
