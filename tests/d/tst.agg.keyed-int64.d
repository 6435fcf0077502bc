/*
 * ASSERTION: 64-bit keys are printed with " %16lld".
 */

#pragma D option quiet

BEGIN
{
	@a[(long long)5] = count();
	exit(0);
}
