/*
 * ASSERTION: Bit-fields pack into their underlying unit.
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
