/*
 * ASSERTION: Non-quiet trace() of (short)32767 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 2-byte integer.
 */

BEGIN
{
	trace((short)32767);
	exit(0);
}
