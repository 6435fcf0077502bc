/*
 * ASSERTION: A load beyond the top of alloca()ed memory (past its 8-byte
 *   alignment) faults with an invalid address; within it, it reads zero.
 */

#pragma D option quiet

BEGIN
{
	s = (char *)alloca(15);
	printf("%d\n", s[15]);
	printf("%d\n", s[16]);
}

BEGIN
{
	exit(0);
}
