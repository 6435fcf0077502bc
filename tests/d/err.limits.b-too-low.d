/*
 * ASSERTION: -b sets the principal buffer size, as -x bufsize does: 59
 *   bytes cannot hold one record, so tracing cannot be enabled (exit 1).
 */
/* @@runtest-opts: -b59 */

BEGIN
{
	exit(0);
}

ERROR
{
	exit(1);
}
