/*
 * ASSERTION: A variable cannot have type void.
 */

void x;

BEGIN
{
	exit(0);
}
