/*
 * ASSERTION: The library's names live in the global scope only:
 *   thread-local and clause-local variables of the same names are
 *   separate variables, and the global name keeps its library value.
 */

#pragma D option quiet

BEGIN
{
	self->EPERM = 100;
	this->SIGINT = 200;
	printf("%d %d %d %d\n", self->EPERM, this->SIGINT, EPERM, SIGINT);
	exit(0);
}
