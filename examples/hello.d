/*
 * hello.d -- the smallest useful D program.
 *
 * Shows: the BEGIN probe, trace() of a string in the default output
 * format (CPU, probe ID and FUNCTION:NAME columns), and exit().
 *
 * Run:  udtrace -s examples/hello.d
 */
/* @@run */

BEGIN
{
	trace("hello, world");
	exit(0);
}
