/*
 * ASSERTION: offsetof() of a member of a nested struct.
 */

#pragma D option quiet

struct inner {
    short x;
    long y;
};

struct outer {
    char tag;
    struct inner in;
};

BEGIN
{
	printf("%d %d\n", sizeof (struct outer), offsetof(struct outer, in));
	exit(0);
}
