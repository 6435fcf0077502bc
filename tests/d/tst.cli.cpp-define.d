/*
 * ASSERTION: -D defines a preprocessor macro for -C.
 */
/* @@runtest-opts: -C -D VALUE=7 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", VALUE);
	exit(0);
}
