/*
 * ASSERTION: %x and %X print lower and upper case hex; # adds 0x/0X.
 */

#pragma D option quiet

BEGIN
{
	printf("%x %X %#x %#X\n", 255, 255, 255, 255);
	exit(0);
}
