/*
 * ASSERTION: Integer keys sort as unsigned values but print as signed
 *   (int keys) or as unsigned (char keys).
 */

#pragma D option quiet

#pragma D option aggsortkey

BEGIN
{
	@i[-1] = sum(1);
	@i[1] = sum(2);
	@i[0] = sum(3);
	@c[(char)-2] = sum(4);
	@c[(char)2] = sum(5);
	exit(0);
}
