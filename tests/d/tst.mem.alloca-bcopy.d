/*
 * ASSERTION: alloca() returns scratch memory that bcopy() can fill;
 *   stringof() reads it as a string.
 */

#pragma D option quiet

BEGIN
{
	this->a = (char *)alloca(4);
	this->a[0] = 'h';
	this->a[1] = 'i';
	this->a[2] = '\0';
	this->b = (char *)alloca(4);
	bcopy(this->a, this->b, 3);
	printf("%s\n", stringof(this->b));
	exit(0);
}
