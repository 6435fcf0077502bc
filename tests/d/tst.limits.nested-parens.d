/*
 * ASSERTION: 100 levels of parentheses are well within the parser's
 *   stack: the expression compiles and evaluates.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((6 * 7)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
	exit(0);
}
