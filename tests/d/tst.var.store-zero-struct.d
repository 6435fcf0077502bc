/*
 * ASSERTION: assigning 0 to a struct-typed self-> variable, global or
 *   associative array element is accepted; it stores the all-zero value,
 *   which deletes a dynamic variable: with room for one dynamic struct,
 *   a second one can be stored once the first is zeroed (dtrace-utils
 *   tst.store_zero_deletes_struct).
 */

#pragma D option quiet
#pragma D option dynvarsize=8

struct S { int a; int b; };
self struct S x, y;
struct S g;
struct S m[int];

BEGIN
{
	self->x.a = 3;
	self->x = 0;
	self->y.a = 5;
	printf("%d %d\n", self->x.a, self->y.a);
	g.b = 2;
	g = 0;
	printf("%d\n", g.b);
	self->y = 0;
	m[1].a = 4;
	printf("%d\n", m[1].a);
	m[1] = 0;
	printf("%d\n", m[1].a);
	exit(0);
}
