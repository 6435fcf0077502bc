/*
 * ASSERTION: A traced string longer than 33 characters is not
 *   truncated.
 */

BEGIN
{
	trace("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF");
	exit(0);
}
