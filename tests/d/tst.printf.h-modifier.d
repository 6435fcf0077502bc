/*
 * ASSERTION: %hd, %hu and %hx print short arguments.
 */

#pragma D option quiet

BEGIN
{
	printf("%hd %hu %hx\n", (short)-2, (unsigned short)65534, (short)-1);
	exit(0);
}
