/*
 * ASSERTION: A fault in a predicate skips the clause and fires ERROR.
 */

#pragma D option quiet

BEGIN
/(*(int *)8) == 0/
{
	printf("wrong\n");
}

ERROR
{
	printf("error\n");
}

BEGIN
{
	exit(0);
}
