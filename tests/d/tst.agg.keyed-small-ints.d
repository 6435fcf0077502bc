/*
 * ASSERTION: char and short keys use " %3d" and " %5d".
 */

#pragma D option quiet

BEGIN
{
	@c[(char)7] = count();
	@s[(short)300] = count();
	exit(0);
}
