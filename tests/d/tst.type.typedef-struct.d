/*
 * ASSERTION: A typedef of a struct type.
 */

#pragma D option quiet

typedef struct pair {
    int a;
    int b;
} pair_t;

BEGIN
{
	printf("%d\n", sizeof (pair_t));
	exit(0);
}
