/*
 * ASSERTION: Non-quiet trace() of (int32_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 4-byte integer.
 */

BEGIN
{
	trace((int32_t)-1);
	exit(0);
}
