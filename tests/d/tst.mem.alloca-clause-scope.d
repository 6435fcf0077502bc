/*
 * ASSERTION: alloca() memory does not outlive the clause that allocated
 *   it, even in the next clause of the same firing: a load through the
 *   saved pointer is an invalid address (dtrace-utils'
 *   err.alloca-crossing-clauses).
 */

#pragma D option quiet

BEGIN
{
	s = (char *)alloca(1);
	*s = 'a';
}

BEGIN
{
	trace(*s);
}

BEGIN
{
	exit(0);
}
