/*
 * ASSERTION: An assignment with no right-hand side is a syntax error.
 */

BEGIN
{
	x = ;
	exit(0);
}
