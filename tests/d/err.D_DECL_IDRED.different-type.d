/*
 * ASSERTION: Redeclaring a variable with another type is an error.
 */

int x;
char x;

BEGIN
{
	exit(0);
}
