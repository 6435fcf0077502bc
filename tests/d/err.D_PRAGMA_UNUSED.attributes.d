/*
 * ASSERTION: #pragma D attributes naming an identifier the program never
 *   defines is unused (the name here is "func;", with the semicolon).
 */

void func(int, int);

#pragma D attributes Stable/Stable/Common func;

BEGIN
{
	exit(0);
}
