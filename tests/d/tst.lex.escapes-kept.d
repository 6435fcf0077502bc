/*
 * ASSERTION: dtrace's stresc2chr() knows \a \b \f \n \r \t \v \\ \" and
 *   octal and hex escapes only: \? and \' keep their backslash, in
 *   strings and in character constants ('\?' is two bytes).
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", '\?', '\'', '\\');
	printf("[%s] [%s]\n", "a\?b", "c\'d");
	exit(0);
}
