/*
 * ASSERTION: printa() prints the current contents each time it is
 *   called.
 */

#pragma D option quiet

BEGIN
{
	@c = count();
	printa("%@d\n", @c);
	printa("%@d\n", @c);
	exit(0);
}
