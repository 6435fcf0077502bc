/*
 * ASSERTION: cwd, root and execargs have values in BEGIN: those of the
 *   tracer itself (its working directory, "/", its arguments separated by
 *   spaces), as dtrace's BEGIN runs in the dtrace process.
 */

#pragma D option quiet

BEGIN
{
	printf("cwd %s\n", substr(cwd, 0, 1));
	printf("root %s\n", root);
	printf("execargs %d\n", index(execargs, "-s tst.var.cwd-root-execargs.d") > 0);
	exit(0);
}
