/*
 * ASSERTION: The -> operator works on pointers to structs in scratch
 *   memory.
 */

#pragma D option quiet

struct foo {
    int a;
    char b;
    long c;
};

BEGIN
{
	this->p = (struct foo *)alloca(sizeof (struct foo));
	this->p->a = 7;
	this->p->c = -1;
	printf("%d %d\n", this->p->a, this->p->c);
	exit(0);
}
