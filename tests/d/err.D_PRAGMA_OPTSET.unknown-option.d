/*
 * ASSERTION: #pragma D option with an unknown option name is an error.
 */

#pragma D option nosuchoption

BEGIN
{
	exit(0);
}
