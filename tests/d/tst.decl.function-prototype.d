/*
 * ASSERTION: a function prototype is an extern declaration: it may use the
 *   name of a built-in (here func) without a redeclaration error.
 */

#pragma D option quiet

void func(int, int);

BEGIN
{
	printf("ok\n");
	exit(0);
}
