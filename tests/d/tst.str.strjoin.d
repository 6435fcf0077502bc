/*
 * ASSERTION: strjoin() concatenates two strings.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s\n", strjoin("foo", "bar"), strjoin("", "x"),
		strjoin("y", ""));
	exit(0);
}
