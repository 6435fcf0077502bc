/*
 * quantize.d -- power-of-two and linear histograms.
 *
 * Shows: quantize(), lquantize() and llquantize() aggregations, keyed and
 * unkeyed, fed from a loop-free series of tick firings, and how dtrace
 * prints every aggregation that was not printed yet when tracing stops.
 *
 * Run:  udtrace -s examples/quantize.d
 */
/* @@run */

#pragma D option quiet

tick-1ms
/n < 64/
{
	n++;
	/* n * n grows quadratically: the buckets fill unevenly */
	@squares = quantize(n * n);
	@linear = lquantize(n, 0, 64, 8);
	@loglin = llquantize(n * n, 10, 0, 3, 10);
	@byparity[n % 2 ? "odd" : "even"] = quantize(n);
}

tick-1ms
/n >= 64/
{
	exit(0);
}
