/*
 * ASSERTION: Clause-local this-> variables keep their value across
 *   clauses of the same probe firing.
 */

#pragma D option quiet

BEGIN
{
	this->x = 5;
}

BEGIN
{
	printf("%d\n", this->x);
	exit(0);
}
