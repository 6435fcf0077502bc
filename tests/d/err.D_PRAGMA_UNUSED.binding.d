/*
 * ASSERTION: #pragma D binding naming an identifier the program never
 *   defines is unused.
 */

#pragma D binding "1.0" nosuchthing

BEGIN
{
	exit(0);
}
