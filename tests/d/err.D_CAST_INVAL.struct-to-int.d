/*
 * ASSERTION: A struct cannot be cast to an int.
 */

struct foo {
	int a;
};

struct foo f;

BEGIN
{
	trace((int)f);
	exit(0);
}
