/*
 * ASSERTION: lltostr() converts a 64-bit integer to decimal.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s|%s\n", lltostr(0), lltostr(123), lltostr(-123),
		lltostr((int64_t)0x8000000000000000));
	exit(0);
}
