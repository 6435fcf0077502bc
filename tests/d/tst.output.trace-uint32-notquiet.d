/*
 * ASSERTION: Non-quiet trace() of (uint32_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a unsigned 4-byte integer.
 */

BEGIN
{
	trace((uint32_t)-1);
	exit(0);
}
