/*
 * ASSERTION: #pragma D option quiet anywhere in the script applies to
 *   the whole script.
 */

BEGIN
{
	printf("quiet\n");
	exit(0);
}

#pragma D option quiet
