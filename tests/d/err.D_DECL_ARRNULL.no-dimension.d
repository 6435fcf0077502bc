/*
 * ASSERTION: An array declaration needs a dimension or a key signature.
 */

int a[];

BEGIN
{
	exit(0);
}
