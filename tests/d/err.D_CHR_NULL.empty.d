/*
 * ASSERTION: An empty character constant '' is an error.
 */

BEGIN
{
	trace('');
	exit(0);
}
