/*
 * ASSERTION: Associative arrays can hold string values; missing ones
 *   read as "".
 */

#pragma D option quiet

BEGIN
{
	names[1] = "one";
	printf("%s [%s]\n", names[1], names[2]);
	exit(0);
}
