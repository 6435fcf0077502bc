/*
 * ASSERTION: An empty traced string is padded to 33 columns.
 */

BEGIN
{
	trace("");
	exit(0);
}
