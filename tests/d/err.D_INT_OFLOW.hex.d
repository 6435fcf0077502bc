/*
 * ASSERTION: An integer constant wider than 64 bits is an error.
 */

BEGIN
{
	trace(0x1ffffffffffffffff);
	exit(0);
}
