/*
 * ASSERTION: Integer keys are printed with " %8d".
 */

#pragma D option quiet

BEGIN
{
	@a[3] = sum(30);
	@a[1] = sum(10);
	@a[2] = sum(20);
	exit(0);
}
