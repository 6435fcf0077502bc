/*
 * ASSERTION: strtok(NULL, delim) with no string saved by an earlier
 *   strtok() in the firing reads address 0: an invalid address fault
 *   (dtrace-utils' tst.strtok_null).
 */

#pragma D option quiet

BEGIN
{
	trace(strtok(NULL, "!"));
	exit(1);
}

ERROR
{
	printf("fault %d at %d\n", arg4, arg5);
	exit(0);
}
