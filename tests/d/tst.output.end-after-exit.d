/*
 * ASSERTION: END fires after exit() is called in BEGIN, and its output
 *   comes last.
 */

#pragma D option quiet

END
{
	printf("end\n");
}

BEGIN
{
	printf("begin\n");
	exit(0);
}
