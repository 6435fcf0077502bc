/*
 * ASSERTION: The 0 flag pads with zeros; - pads on the right.
 */

#pragma D option quiet

BEGIN
{
	printf("%05d|%-5d|%5d|\n", 42, 42, 42);
	exit(0);
}
