/*
 * ASSERTION: An unknown $name macro variable is an error.
 */

BEGIN
{
	trace($nosuchmacro);
	exit(0);
}
