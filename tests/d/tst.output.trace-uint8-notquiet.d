/*
 * ASSERTION: Non-quiet trace() of (uint8_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a unsigned 1-byte integer.
 */

BEGIN
{
	trace((uint8_t)-1);
	exit(0);
}
