/*
 * ASSERTION: a typedef declared by one unit (the -s file given before
 *   this one) is a type name in the next, as all units share one global
 *   scope in dtrace.
 */
/* @@runtest-opts: -s typedef-unit.d.in */

#pragma D option quiet

BEGIN
{
	x = (foo_t)-1;
	printf("%d %d %d\n", x, sizeof(foo_t), sizeof(struct pair));
	exit(0);
}
