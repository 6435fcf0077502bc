/*
 * ASSERTION: toupper() and tolower() change only letters.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s\n", toupper("Hello, World 42!"),
		tolower("Hello, World 42!"));
	exit(0);
}
