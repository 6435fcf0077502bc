/*
 * ASSERTION: this-> variables take the type of their first assignment.
 */

#pragma D option quiet

BEGIN
{
	this->c = (char)1;
	this->l = (long long)1;
	this->s = "s";
	printf("%d %d %s\n", sizeof (this->c), sizeof (this->l), this->s);
	exit(0);
}
