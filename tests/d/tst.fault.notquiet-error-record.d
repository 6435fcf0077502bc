/*
 * ASSERTION: In default mode a faulting clause prints no record of its
 *   own.
 */

BEGIN
{
	trace(*(int *)8);
}

BEGIN
{
	trace("ok");
	exit(0);
}
