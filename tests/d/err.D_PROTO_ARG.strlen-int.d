/*
 * ASSERTION: strlen() of an int is a type error.
 */

BEGIN
{
	trace(strlen(1));
	exit(0);
}
