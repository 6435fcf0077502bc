/*
 * ASSERTION: Stores to a bit-field are truncated to its width.
 */

#pragma D option quiet

struct bits {
    unsigned int a : 3;
    unsigned int b : 5;
};

struct bits v;

BEGIN
{
	v.a = 9;
	v.b = 31;
	printf("%d %d\n", v.a, v.b);
	exit(0);
}
