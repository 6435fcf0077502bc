/*
 * ASSERTION: %c prints a character from a char, short or int argument.
 */

#pragma D option quiet

BEGIN
{
	printf("%c%c%c%c\n", 'a', 66, (char)67, (short)68);
	exit(0);
}
