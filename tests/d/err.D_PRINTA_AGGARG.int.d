/*
 * ASSERTION: printa() needs an aggregation argument.
 */

BEGIN
{
	printa("%d\n", 1);
	exit(0);
}
