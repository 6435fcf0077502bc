/*
 * ASSERTION: * takes the field width from an int argument.
 */

#pragma D option quiet

BEGIN
{
	printf("%*d|%-*d|\n", 6, 7, 6, 7);
	exit(0);
}
