/*
 * ASSERTION: Pointer arithmetic scales by the pointed-to type.
 */

#pragma D option quiet

BEGIN
{
	this->p = (int *)alloca(4 * sizeof (int));
	this->q = this->p + 3;
	printf("%d %d %d\n", this->q - this->p,
		(uint64_t)this->q - (uint64_t)this->p, sizeof (*this->p));
	exit(0);
}
