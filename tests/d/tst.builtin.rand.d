/*
 * ASSERTION: rand() returns pseudo-random integers (only the shape is
 *   checked).
 */

#pragma D option quiet

BEGIN
{
	this->r = rand();
	this->s = rand();
	printf("%d\n", (this->r & 0xff) < 256 && (this->s & 0xff) >= 0);
	exit(0);
}
