/*
 * ASSERTION: String relational operators compare contents lexically.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", "abc" == "abc", "abc" != "abd",
		"abc" < "abd", "b" > "abc", "abc" <= "abc", "" < "a");
	exit(0);
}
