/*
 * ASSERTION: Associative arrays are indexed by arbitrary keys;
 *   unassigned elements read as 0.
 */

#pragma D option quiet

BEGIN
{
	a["one"] = 1;
	a["two"] = 2;
	printf("%d %d %d\n", a["one"], a["two"], a["three"]);
	exit(0);
}
