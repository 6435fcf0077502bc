/*
 * ASSERTION: panic() acts on the kernel (dtrace(1): destructive, kernel
 *   only); udtrace refuses it at compile time, with or without -w.
 */

BEGIN
{
	panic();
}
