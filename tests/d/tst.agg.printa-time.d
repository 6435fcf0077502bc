/*
 * ASSERTION: printa() formats the value of count(), sum(), min() and
 *   max() through %@Y and %@T as printf() formats a time with %Y and %T
 *   (dt_printf_format() hands the 8-byte value to pfprint_time() and
 *   pfprint_time822()), widths and flags included. The postprocessor
 *   compares the pairs, since both are in local time.
 */

#pragma D option quiet

BEGIN
{
	@t = min(1075064400LL * 1000000000);
	printa("Y %@Y\n", @t);
	printf("Y %Y\n", 1075064400LL * 1000000000);
	printa("T %@T\n", @t);
	printf("T %T\n", 1075064400LL * 1000000000);
	printa("W %@-24Y|\n", @t);
	printf("W %-24Y|\n", 1075064400LL * 1000000000);
	exit(0);
}
