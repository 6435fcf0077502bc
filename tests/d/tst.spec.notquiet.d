/*
 * ASSERTION: Committed speculative data is printed with the record
 *   prefix of the probe that speculated.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	trace("spec");
}

END
{
	commit(s);
}

BEGIN
{
	exit(0);
}
