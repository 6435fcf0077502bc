/*
 * ASSERTION: An extra closing brace after a clause is a syntax error.
 */

BEGIN
{
	exit(0);
}
}
