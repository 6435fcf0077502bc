/*
 * ASSERTION: htonll() and ntohll() swap the bytes of a 64-bit value.
 */

#pragma D option quiet

BEGIN
{
	printf("%x %x\n", htonll(0x0102030405060708), ntohll(0x0102030405060708));
	exit(0);
}
