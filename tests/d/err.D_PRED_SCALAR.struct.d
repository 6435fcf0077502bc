/*
 * ASSERTION: A predicate must have scalar type.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
/f/
{
	exit(0);
}
