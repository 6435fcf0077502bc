/*
 * ASSERTION: A newline inside a character constant is an error.
 */

BEGIN
{
	trace('a
');
	exit(0);
}
