/*
 * ASSERTION: && requires scalar operands.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace(f && 1);
	exit(0);
}
