/*
 * ASSERTION: /* inside a comment is an error.
 */

/* outer /* inner */
BEGIN
{
	exit(0);
}
