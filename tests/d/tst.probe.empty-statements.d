/*
 * ASSERTION: Empty statements and a missing final semicolon are
 *   accepted.
 */

#pragma D option quiet

BEGIN
{
	;;
	printf("e\n");;
	exit(0)
}
