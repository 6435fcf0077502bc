/*
 * ASSERTION: An inline can name a string.
 */

#pragma D option quiet

inline string GREETING = "hello";

BEGIN
{
	printf("%s\n", GREETING);
	exit(0);
}
