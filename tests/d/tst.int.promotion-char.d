/*
 * ASSERTION: char operands are promoted to int before arithmetic, so
 *   char + char does not wrap.
 */

#pragma D option quiet

BEGIN
{
	this->a = (char)100;
	this->b = (char)100;
	printf("%d\n", this->a + this->b);
	exit(0);
}
