/*
 * ASSERTION: Predicates see variable values set by earlier clauses of
 *   the same probe.
 */

#pragma D option quiet

BEGIN
{
	x = 3;
}

BEGIN
/x == 3/
{
	printf("x is 3\n");
}

BEGIN
/x != 3/
{
	printf("x is not 3\n");
}

BEGIN
{
	exit(0);
}
