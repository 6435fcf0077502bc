/*
 * ASSERTION: In a printf() conversion the flags '-' and '0' cancel each
 * other, the later one winning (dtrace's dt_printf_create(): '0' clears
 * the left-adjust flag, '-' clears zero padding). So "%-05d" zero-pads
 * and "%0-5d" left-adjusts.
 */

#pragma D option quiet

BEGIN
{
	printf("%-05d|\n", 42);
	printf("%0-5d|\n", 42);
	exit(0);
}
