/*
 * ASSERTION: Pointers compare by address.
 */

#pragma D option quiet

BEGIN
{
	this->p = (char *)alloca(8);
	printf("%d %d %d\n", this->p + 1 > this->p, this->p == this->p,
		this->p != this->p + 2);
	exit(0);
}
