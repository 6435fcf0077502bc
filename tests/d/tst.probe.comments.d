/*
 * ASSERTION: Comments are ignored between clauses, after a probe
 *   description and inside clauses.
 */

#pragma D option quiet

/* leading comment */
BEGIN /* after the description */
{
	/* inside */ printf("c\n"); /* after a statement */
	exit(0); /*
	multi-line
	comment */
}
