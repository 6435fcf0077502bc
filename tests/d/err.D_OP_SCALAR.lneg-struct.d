/*
 * ASSERTION: ! requires a scalar operand.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace(!f);
	exit(0);
}
