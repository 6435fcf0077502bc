/*
 * ASSERTION: A short variable wraps from 32767 to -32768.
 */

#pragma D option quiet

short s;

BEGIN
{
	s = 32767;
	s++;
	printf("%d\n", s);
	exit(0);
}
