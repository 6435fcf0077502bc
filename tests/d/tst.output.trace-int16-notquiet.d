/*
 * ASSERTION: Non-quiet trace() of (int16_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 2-byte integer.
 */

BEGIN
{
	trace((int16_t)-1);
	exit(0);
}
