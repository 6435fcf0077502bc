/*
 * aggregations.d -- counting and summarising with aggregations.
 *
 * Shows: count(), sum(), avg(), min(), max() and stddev() keyed by a
 * string, printa() with a format that prints several aggregations side by
 * side, trunc() to keep the top entries, and the default printout at exit
 * of an aggregation that was never printed.
 *
 * Run:  udtrace -s examples/aggregations.d
 */
/* @@run */

#pragma D option quiet

tick-1ms
/n < 100/
{
	n++;
	this->bucket = n % 3 == 0 ? "fizz" : n % 5 == 0 ? "buzz" : "other";
	@count[this->bucket] = count();
	@sum[this->bucket] = sum(n);
	@avg[this->bucket] = avg(n);
	@min[this->bucket] = min(n);
	@max[this->bucket] = max(n);
	@dev[this->bucket] = stddev(n);
	@total = sum(n);
}

tick-1ms
/n == 100/
{
	n++;		/* print the report only once */
	printf("%-8s %6s %6s %6s %6s %6s %6s\n",
	    "KIND", "COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV");
	printa("%-8s %@6d %@6d %@6d %@6d %@6d %@6d\n",
	    @count, @sum, @avg, @min, @max, @dev);
	trunc(@sum, 1);
	printa("largest sum: %s %@d\n", @sum);
	exit(0);
}
