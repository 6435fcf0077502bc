/*
 * ASSERTION: Built-in variables are not writable.
 */

BEGIN
{
	timestamp = 1;
	exit(0);
}
