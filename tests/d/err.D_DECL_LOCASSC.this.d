/*
 * ASSERTION: Associative arrays cannot be declared as this-> variables.
 */

this int a[int];

BEGIN
{
	exit(0);
}
