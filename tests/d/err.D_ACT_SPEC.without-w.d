/*
 * ASSERTION: without -w, the compile error (destructive action after
 *   speculate()) still comes first: dtrace refuses destructive actions
 *   only when it enables the program.
 */

BEGIN
{
	speculate(speculation());
	raise(9);
}
