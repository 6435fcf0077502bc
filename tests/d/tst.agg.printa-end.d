/*
 * ASSERTION: printa() in END prints the final contents.
 */

#pragma D option quiet

BEGIN
{
	@a["k"] = count();
	exit(0);
}

END
{
	printa("%s %@d\n", @a);
}
