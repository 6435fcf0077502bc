/*
 * ASSERTION: execname in BEGIN names the tracer process.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", strlen(execname) > 0);
	exit(0);
}
