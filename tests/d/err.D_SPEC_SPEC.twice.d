/*
 * ASSERTION: speculate() may appear only once per clause.
 */

BEGIN
{
	speculate(1);
	speculate(2);
	exit(0);
}
