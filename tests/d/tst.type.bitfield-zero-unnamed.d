/*
 * ASSERTION: an unnamed zero-width bit-field is accepted and dropped
 *   (dt_decl_member() ignores it): b follows a directly.
 */

#pragma D option quiet

struct bits {
	int a : 3;
	int : 0;
	int b : 2;
} v;

BEGIN
{
	v.a = 3;
	v.b = 1;
	printf("%d %d %d\n", sizeof(v), v.a, v.b);
	exit(0);
}
