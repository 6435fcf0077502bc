/*
 * ASSERTION: The condition of ?: must be a scalar.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace(f ? 1 : 2);
	exit(0);
}
