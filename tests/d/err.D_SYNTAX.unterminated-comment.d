/*
 * ASSERTION: A comment that is not closed before end of file is an
 *   error.
 */

BEGIN
{
	exit(0);
}
/* no end
