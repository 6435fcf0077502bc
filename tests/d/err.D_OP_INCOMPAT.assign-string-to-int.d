/*
 * ASSERTION: Assigning a string to an int variable is a type error.
 */

BEGIN
{
	x = 1;
	x = "str";
	exit(0);
}
