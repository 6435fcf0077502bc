/*
 * ASSERTION: A clause that only assigns variables records no data and
 *   prints no record in default mode.
 */

BEGIN
{
	x = 1;
}

BEGIN
{
	trace(x);
	exit(0);
}
