/*
 * ASSERTION: A fault in the branch of an if does not take back what the
 *   statements before the if recorded (they are a clause part of their
 *   own in dtrace), but ends the clause: the statements after the if do
 *   not run.
 */

#pragma D option quiet

int zero;

BEGIN
{
	printf("before\n");
	if (1) {
		x = 1 / zero;
		printf("not reached\n");
	}
	printf("after\n");
}

BEGIN
{
	exit(0);
}
