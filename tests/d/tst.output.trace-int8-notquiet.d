/*
 * ASSERTION: Non-quiet trace() of (int8_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 1-byte integer.
 */

BEGIN
{
	trace((int8_t)-1);
	exit(0);
}
