/*
 * ASSERTION: An inline names a constant integer expression.
 */

#pragma D option quiet

inline int ANSWER = 42;
inline int TWICE = ANSWER * 2;

BEGIN
{
	printf("%d %d\n", ANSWER, TWICE);
	exit(0);
}
