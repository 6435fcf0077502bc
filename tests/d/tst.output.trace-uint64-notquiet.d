/*
 * ASSERTION: Non-quiet trace() of (uint64_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a unsigned 8-byte integer.
 */

BEGIN
{
	trace((uint64_t)-1);
	exit(0);
}
