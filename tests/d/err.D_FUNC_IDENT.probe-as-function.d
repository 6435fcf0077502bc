/*
 * ASSERTION: "tick-1()" calls the constant 1, which is no function
 *   designator; the parser says so before the aggregation is checked.
 */

BEGIN
{
	@ = tick-1();
	exit(0);
}
