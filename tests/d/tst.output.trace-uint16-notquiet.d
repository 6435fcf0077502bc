/*
 * ASSERTION: Non-quiet trace() of (uint16_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a unsigned 2-byte integer.
 */

BEGIN
{
	trace((uint16_t)-1);
	exit(0);
}
