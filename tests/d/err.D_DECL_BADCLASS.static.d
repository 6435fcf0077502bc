/*
 * ASSERTION: The static storage class is not allowed in D.
 */

static int x;

BEGIN
{
	exit(0);
}
