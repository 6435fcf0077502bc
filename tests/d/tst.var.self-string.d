/*
 * ASSERTION: self-> variables can hold strings.
 */

#pragma D option quiet

BEGIN
{
	self->name = "thread";
	printf("%s\n", self->name);
	exit(0);
}
