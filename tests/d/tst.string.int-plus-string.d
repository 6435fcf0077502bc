/*
 * ASSERTION: dtrace treats a string as a pointer on either side of +:
 *   1 + "abc" is "abc" + 1, the string from its second character.
 */

#pragma D option quiet

BEGIN
{
	printf("%s %s\n", 1 + "abc", "abc" + 2);
	exit(0);
}
