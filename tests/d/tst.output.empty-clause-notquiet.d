/*
 * ASSERTION: A clause with no data-recording action still prints the
 *   record prefix with its trailing space.
 */

BEGIN
{
}

BEGIN
{
	exit(0);
}
