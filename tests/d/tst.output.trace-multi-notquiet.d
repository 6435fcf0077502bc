/*
 * ASSERTION: Several trace() actions in one clause are printed on one
 *   record line.
 */

BEGIN
{
	trace(1);
	trace("two");
	trace((uint8_t)3);
	exit(0);
}
