/*
 * ASSERTION: Referencing a member a struct does not have is an error.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace(f.nope);
	exit(0);
}
