/*
 * ASSERTION: #pragma D option with an invalid value is an error.
 */

#pragma D option strsize=abc

BEGIN
{
	exit(0);
}
