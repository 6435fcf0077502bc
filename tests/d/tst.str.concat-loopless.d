/*
 * ASSERTION: Strings built with strjoin can be compared.
 */

#pragma D option quiet

BEGIN
{
	s = strjoin(strjoin("a", "b"), "c");
	printf("%d\n", s == "abc");
	exit(0);
}
