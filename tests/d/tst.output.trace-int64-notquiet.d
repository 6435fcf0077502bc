/*
 * ASSERTION: Non-quiet trace() of (int64_t)-1 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 8-byte integer.
 */

BEGIN
{
	trace((int64_t)-1);
	exit(0);
}
