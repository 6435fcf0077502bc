/*
 * ASSERTION: htonl() and ntohl() swap the bytes of a 32-bit value.
 */

#pragma D option quiet

BEGIN
{
	printf("%x %x\n", htonl(0x12345678), ntohl(0x12345678));
	exit(0);
}
