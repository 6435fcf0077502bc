/*
 * ASSERTION: A probe description that matches no probe is an error
 *   without -Z.
 */

nosuchprovider:::nosuchprobe
{
}

BEGIN
{
	exit(0);
}
