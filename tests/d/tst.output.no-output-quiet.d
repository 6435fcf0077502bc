/*
 * ASSERTION: A quiet script that prints nothing still ends its output
 *   with the final newline.
 */

#pragma D option quiet

BEGIN
{
	exit(0);
}
