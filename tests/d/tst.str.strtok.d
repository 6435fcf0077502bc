/*
 * ASSERTION: strtok() splits a string; a NULL first argument continues
 *   with the previous string.
 */

#pragma D option quiet

BEGIN
{
	printf("%s ", strtok("a,b;c", ",;"));
	printf("%s ", strtok(NULL, ",;"));
	printf("%s\n", strtok(NULL, ",;"));
	exit(0);
}
