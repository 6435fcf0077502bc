/*
 * ASSERTION: offsetof() cannot be applied to a bit-field.
 */

struct bf {
	unsigned int x : 3;
};

BEGIN
{
	trace(offsetof(struct bf, x));
	exit(0);
}
