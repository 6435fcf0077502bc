/*
 * ASSERTION: printa() honours normalize() for %@d.
 */

#pragma D option quiet

BEGIN
{
	@a = sum(1000);
	normalize(@a, 100);
	printa("%@d\n", @a);
	exit(0);
}
