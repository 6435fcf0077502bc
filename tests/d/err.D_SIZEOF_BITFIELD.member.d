/*
 * ASSERTION: sizeof cannot be applied to a bit-field.
 */

struct bf {
	unsigned int x : 3;
};

struct bf b;

BEGIN
{
	trace(sizeof (b.x));
	exit(0);
}
