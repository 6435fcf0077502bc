/*
 * ASSERTION: A union is as big as its largest member and members
 *   overlap.
 */

#pragma D option quiet

union un {
    int i;
    char c[4];
};

union un u;

BEGIN
{
	u.i = 0x41424344;
	printf("%d %c\n", sizeof (union un), u.c[0]);
	exit(0);
}
