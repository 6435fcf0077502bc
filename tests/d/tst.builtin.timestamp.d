/*
 * ASSERTION: timestamp is positive and does not go backwards;
 *   walltimestamp is after 2020.
 */

#pragma D option quiet

BEGIN
{
	this->t1 = timestamp;
	this->t2 = timestamp;
	printf("%d %d %d\n", this->t1 > 0, this->t2 >= this->t1,
		walltimestamp > 1577836800000000000);
	exit(0);
}
