/*
 * ASSERTION: A bit-field cannot be wider than its type.
 */

struct bf {
	int x : 40;
};

BEGIN
{
	exit(0);
}
