/*
 * ASSERTION: %d of char and unsigned char values sign- or zero-extends
 *   them.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", (char)-1, (unsigned char)255);
	exit(0);
}
