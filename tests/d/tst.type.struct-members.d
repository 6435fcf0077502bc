/*
 * ASSERTION: Members of a global struct variable can be assigned and
 *   read.
 */

#pragma D option quiet

struct foo {
    int a;
    char b;
    long c;
};

struct foo f;

BEGIN
{
	f.a = 1;
	f.b = 'x';
	f.c = 0x100000000;
	printf("%d %c %d\n", f.a, f.b, f.c);
	exit(0);
}
