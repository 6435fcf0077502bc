/*
 * ASSERTION: a character constant is a decimal integer constant: int
 *   (even 'a'), or long when its bytes do not fit an int.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", sizeof('a'), sizeof('abcd'), sizeof('a\bcdefgh'));
	printf("%d\n", 'a\bcdefgh');
	exit(0);
}
