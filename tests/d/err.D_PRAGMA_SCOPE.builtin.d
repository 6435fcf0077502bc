/*
 * ASSERTION: #pragma D attributes may not modify a built-in identifier.
 */

#pragma D attributes Stable/Stable/Common pid

BEGIN
{
	exit(0);
}
