/*
 * ASSERTION: Several END clauses run in program order after BEGIN.
 */

#pragma D option quiet

END
{
	printf("e1 ");
}

BEGIN
{
	printf("b ");
	exit(0);
}

END
{
	printf("e2\n");
}
