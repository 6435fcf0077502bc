/*
 * ASSERTION: A character constant longer than 8 bytes is an error.
 */

BEGIN
{
	trace('abcdefghi');
	exit(0);
}
