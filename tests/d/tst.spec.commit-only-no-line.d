/*
 * ASSERTION: Without -q, a clause whose only actions are commit() or
 *   discard() is not data-recording: it prints no probe line of its own
 *   (dtrace-utils' dt_consume_one_probe()); the committed speculation
 *   prints its own.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	trace(7);
}

BEGIN
{
	commit(s);
}

BEGIN
{
	discard(s);
}

BEGIN
{
	exit(0);
}
