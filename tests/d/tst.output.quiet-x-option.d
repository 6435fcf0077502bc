/*
 * ASSERTION: -x quiet is the same as -q.
 */
/* @@runtest-opts: -x quiet */

BEGIN
{
	printf("q\n");
	exit(0);
}
