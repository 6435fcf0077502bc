/*
 * ASSERTION: sizeof and offsetof of a declared struct follow the C
 *   layout (LP64).
 */

#pragma D option quiet

struct foo {
    int a;
    char b;
    long c;
};

BEGIN
{
	printf("%d %d %d %d\n", sizeof (struct foo), offsetof(struct foo, a),
		offsetof(struct foo, b), offsetof(struct foo, c));
	exit(0);
}
