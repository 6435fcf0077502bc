/*
 * ASSERTION: String variables compare by value, not address.
 */

#pragma D option quiet

BEGIN
{
	s = "foo";
	t = strjoin("f", "oo");
	printf("%d %d\n", s == t, s != t);
	exit(0);
}
