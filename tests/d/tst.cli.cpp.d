/*
 * ASSERTION: With -C the script goes through the C preprocessor.
 */
/* @@runtest-opts: -C */

#pragma D option quiet

#define ANSWER 42

BEGIN
{
	printf("%d\n", ANSWER);
	exit(0);
}
