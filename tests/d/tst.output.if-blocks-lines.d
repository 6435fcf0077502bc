/*
 * ASSERTION: Without -q, the statements before an if, the branch taken
 *   and the statements after it record as separate clause parts (dtrace's
 *   dt_sugar.c): each part that records data prints its own probe line.
 */

BEGIN
{
	trace(1);
	if (1) {
		trace(2);
	} else {
		trace(3);
	}
	trace(4);
	exit(0);
}
