/*
 * ASSERTION: #pragma D attributes and binding apply to identifiers the
 *   program defines, before or after the pragma.
 */

#pragma D option quiet

int x;
#pragma D attributes Evolving/Evolving/Common x
#pragma D binding "1.0" y
inline int y = 2;

BEGIN
{
	printf("%d %d\n", x, y);
	exit(0);
}
