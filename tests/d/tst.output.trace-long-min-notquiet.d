/*
 * ASSERTION: Non-quiet trace() of (long)0x8000000000000000 uses the
 *   width dtrace (Oracle 2.x) uses for a signed 8-byte integer.
 */

BEGIN
{
	trace((long)0x8000000000000000);
	exit(0);
}
