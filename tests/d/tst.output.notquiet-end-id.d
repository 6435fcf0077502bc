/*
 * ASSERTION: Default output shows END with probe ID 2.
 */

BEGIN
{
	exit(0);
}

END
{
	printf("%s", probename);
}
