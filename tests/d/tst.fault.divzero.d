/*
 * ASSERTION: Division by zero at run time aborts the clause, prints
 *   dtrace's error message, and tracing goes on.
 */

#pragma D option quiet

BEGIN
{
	z = 0;
}

BEGIN
{
	x = 1 / z;
}

BEGIN
{
	printf("continued\n");
	exit(0);
}
