/*
 * ASSERTION: A clause whose predicate is false prints no record, even
 *   in non-quiet mode.
 */

BEGIN
/0/
{
	trace("hidden");
}

BEGIN
{
	trace("shown");
	exit(0);
}
