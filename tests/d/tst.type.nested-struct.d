/*
 * ASSERTION: offsetof() of a member of a nested struct. D types are laid
 *   out as libctf does: a struct is aligned as its first member (short),
 *   and has no tail padding.
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
