/*
 * ASSERTION: declaring a scalar of the same type as an existing inline is
 *   no error (dt_node_decl() compares kinds and types only); the inline
 *   stays.
 */

#pragma D option quiet

inline int x = 5;
int x;

BEGIN
{
	printf("%d\n", x);
	exit(0);
}
