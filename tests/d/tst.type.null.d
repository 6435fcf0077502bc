/*
 * ASSERTION: NULL is a zero pointer.
 */

#pragma D option quiet

BEGIN
{
	this->p = (char *)NULL;
	printf("%d %d\n", this->p == NULL, sizeof (NULL));
	exit(0);
}
