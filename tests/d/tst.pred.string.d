/*
 * ASSERTION: A predicate can compare strings.
 */

#pragma D option quiet

BEGIN
/probename == "BEGIN"/
{
	printf("begin\n");
	exit(0);
}
