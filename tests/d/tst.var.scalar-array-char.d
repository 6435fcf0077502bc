/*
 * ASSERTION: A char array is printable with %s.
 */

#pragma D option quiet

char buf[8];

BEGIN
{
	buf[0] = 'o';
	buf[1] = 'k';
	buf[2] = '\0';
	printf("%s\n", buf);
	exit(0);
}
