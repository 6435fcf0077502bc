/*
 * ASSERTION: Prefix and postfix ++ and -- yield the new and old values.
 */

#pragma D option quiet

BEGIN
{
	x = 5;
	y = x++;
	z = ++x;
	w = x--;
	v = --x;
	printf("%d %d %d %d %d\n", x, y, z, w, v);
	exit(0);
}
