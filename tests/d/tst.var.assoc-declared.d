/*
 * ASSERTION: Explicitly declared associative arrays use the declared
 *   key and value types.
 */

#pragma D option quiet

long long counts[string];

BEGIN
{
	counts["a"]++;
	counts["a"]++;
	counts["b"]++;
	printf("%d %d %d\n", counts["a"], counts["b"], sizeof (counts["a"]));
	exit(0);
}
