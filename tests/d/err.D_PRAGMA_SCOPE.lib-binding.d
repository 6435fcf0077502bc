/*
 * ASSERTION: #pragma D binding may not modify an identifier of the D
 *   library (defined by an earlier compilation, outside the program).
 */

#pragma D binding "1.0" EPERM

BEGIN
{
	exit(0);
}
