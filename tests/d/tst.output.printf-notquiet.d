/*
 * ASSERTION: In non-quiet mode printf output follows the record prefix
 *   and a newline ends the record, so a format ending in \n leaves an
 *   empty line.
 */

BEGIN
{
	printf("x=%d", 5);
}

BEGIN
{
	printf("y=%d\n", 6);
	exit(0);
}
