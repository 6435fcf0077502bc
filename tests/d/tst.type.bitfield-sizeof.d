/*
 * ASSERTION: Bit-fields are laid out as libctf does: each starts at the
 *   byte after the previous member, in the bytes its bits need (3 + 5 + 24
 *   bits take bytes 0, 1 and 4..7).
 */

#pragma D option quiet

struct bits {
    unsigned int a : 3;
    unsigned int b : 5;
    unsigned int c : 24;
};

BEGIN
{
	printf("%d\n", sizeof (struct bits));
	exit(0);
}
