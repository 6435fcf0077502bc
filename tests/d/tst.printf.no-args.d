/*
 * ASSERTION: A format without conversions prints the text as is.
 */

#pragma D option quiet

BEGIN
{
	printf("plain text\n");
	exit(0);
}
