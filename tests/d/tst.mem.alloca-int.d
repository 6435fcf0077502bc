/*
 * ASSERTION: Integers can be stored in and loaded from alloca() memory.
 */

#pragma D option quiet

BEGIN
{
	this->p = (int *)alloca(2 * sizeof (int));
	this->p[0] = 40;
	this->p[1] = 2;
	printf("%d\n", this->p[0] + this->p[1]);
	exit(0);
}
