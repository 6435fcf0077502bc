/*
 * ASSERTION: A character that starts no token is a syntax error.
 */

BEGIN
{
	x = 1 # 2;
	exit(0);
}
