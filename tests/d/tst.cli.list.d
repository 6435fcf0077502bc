/*
 * ASSERTION: With -l the probes matched by the script are listed with
 *   the "%5d %10s %17s %33s %s" layout and nothing runs.
 */
/* @@runtest-opts: -l */

BEGIN
{
	printf("should not run\n");
}

END
{
	printf("should not run\n");
}
