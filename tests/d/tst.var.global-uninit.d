/*
 * ASSERTION: An unassigned global integer variable reads as 0 and an
 *   unassigned global string as "".
 */

#pragma D option quiet

int x;
string s;

BEGIN
{
	printf("%d [%s]\n", x, s);
	exit(0);
}
