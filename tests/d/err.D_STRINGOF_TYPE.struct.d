/*
 * ASSERTION: stringof() cannot be applied to a struct.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace(stringof(f));
	exit(0);
}
