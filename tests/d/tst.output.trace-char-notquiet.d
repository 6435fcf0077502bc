/*
 * ASSERTION: Non-quiet trace() of (char)65 uses the width dtrace
 *   (Oracle 2.x) uses for a signed 1-byte integer.
 */

BEGIN
{
	trace((char)65);
	exit(0);
}
