/*
 * ASSERTION: Several conversions of different types in one format.
 */

#pragma D option quiet

BEGIN
{
	printf("%s is %d years, %x in hex, %c%c\n", "Ann", 30, 30, 'o', 'k');
	exit(0);
}
