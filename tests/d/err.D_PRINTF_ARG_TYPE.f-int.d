/*
 * ASSERTION: %f needs a floating-point argument, which D cannot
 *   produce.
 */

BEGIN
{
	printf("%f\n", 1);
	exit(0);
}
