/*
 * ASSERTION: dynvarsize counts dynamic variables at the size of the
 *   largest one (dtrace-utils sizes its dynamic variable map to dynvarsize
 *   divided by that size): with dynvarsize=15, three int self-> variables
 *   fit and a fourth is a dynamic variable drop; storing 0 into one
 *   deletes it and makes room again (dtrace-utils'
 *   tvar/tst.store_zero_deletes, tvar/err.limited_space).
 */

#pragma D option quiet
#pragma D option dynvarsize=15

BEGIN
{
	self->a = 1;
	self->b = 2;
	self->c = 3;
	self->d = 4;
	printf("%d %d %d %d\n", self->a, self->b, self->c, self->d);
	self->a = 0;
	self->d = 4;
	printf("%d %d %d %d\n", self->a, self->b, self->c, self->d);
	exit(0);
}
