/*
 * ASSERTION: Non-quiet trace() of a string prints the
 *   CPU/ID/FUNCTION:NAME header, the BEGIN record prefix and the string
 *   as "  %-33s".
 */

BEGIN
{
	trace("hello, world");
	exit(0);
}
