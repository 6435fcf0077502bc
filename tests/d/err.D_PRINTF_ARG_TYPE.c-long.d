/*
 * ASSERTION: %c needs a char, short or int argument.
 */

BEGIN
{
	printf("%c\n", (long long)65);
	exit(0);
}
