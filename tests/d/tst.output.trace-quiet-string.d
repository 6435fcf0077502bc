/*
 * ASSERTION: Quiet trace() of a string prints it verbatim; % characters
 *   are not format directives.
 */

#pragma D option quiet

BEGIN
{
	trace("100% %d %s done\n");
	exit(0);
}
