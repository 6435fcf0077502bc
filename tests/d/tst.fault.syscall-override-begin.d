/*
 * ASSERTION: syscall_fail() and syscall_return() outside a syscall entry
 *   probe (here BEGIN) are illegal operations: each fires ERROR with
 *   DTRACEFLT_ILLOP and its clause is abandoned with its data; an errno
 *   outside 1..4095 is one too.
 */
/* @@runtest-opts: -w */

#pragma D option quiet

BEGIN
{
	syscall_fail(ENOENT);
	printf("not reached\n");
}

BEGIN
{
	printf("before\n");
	syscall_return(42);
}

BEGIN
{
	syscall_fail(4096);
}

ERROR
{
	printf("ILLOP %d in action %d of epid %d\n",
	    arg4 == DTRACEFLT_ILLOP, arg2, arg1);
}

BEGIN
{
	exit(0);
}
