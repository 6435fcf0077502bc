/*
 * ASSERTION: Without -q, a clause whose only data-recording action sits
 *   in an if branch that is not taken prints no probe line: dtrace turns
 *   each basic block of a clause with if/else into a clause of its own
 *   (dt_sugar.c), and a clause part that records nothing prints nothing.
 */

BEGIN
{
	x = 0;
	if (x) {
		trace(1);
	}
}

BEGIN
{
	exit(0);
}
