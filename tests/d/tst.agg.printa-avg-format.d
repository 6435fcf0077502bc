/*
 * ASSERTION: printa() %@d of avg() prints the average.
 */

#pragma D option quiet

BEGIN
{
	@a["k"] = avg(10);
	@a["k"] = avg(20);
	printa("%s %@d\n", @a);
	exit(0);
}
