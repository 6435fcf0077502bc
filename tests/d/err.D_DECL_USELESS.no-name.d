/*
 * ASSERTION: A declaration without a name is useless.
 */

int;

BEGIN
{
	exit(0);
}
