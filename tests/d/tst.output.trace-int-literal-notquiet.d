/*
 * ASSERTION: Non-quiet trace() of 12345 uses the width dtrace (Oracle
 *   2.x) uses for a signed 4-byte integer.
 */

BEGIN
{
	trace(12345);
	exit(0);
}
