/*
 * ASSERTION: exit() status is truncated to the 0..255 range of a
 *   process status.
 */
/* @@exit: 7 */

#pragma D option quiet

BEGIN
{
	exit(256 + 7);
}
