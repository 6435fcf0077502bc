/*
 * ASSERTION: printa() with a format applies it to each entry:
 *   conversions take the keys in order and %@ the value.
 */

#pragma D option quiet

BEGIN
{
	@a["x"] = sum(1);
	@a["y"] = sum(2);
	printa("%s=%@d\n", @a);
	exit(0);
}
