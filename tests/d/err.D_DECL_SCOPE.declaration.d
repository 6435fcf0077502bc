/*
 * ASSERTION: a declared name may not contain the scoping operator.
 */

int `xyz;

BEGIN
{
	exit(0);
}
