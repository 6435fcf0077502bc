/*
 * speculation.d -- keep or throw away tentative output.
 *
 * Shows: speculation(), speculate(), commit() and discard().  Every tick
 * records a line speculatively; only the ticks whose count is a multiple
 * of 3 are committed, the others are discarded, so only those lines are
 * printed.  Note that commit() and discard() must be in clauses of their
 * own, without data-recording actions.
 *
 * Run:  udtrace -s examples/speculation.d
 */
/* @@run */

#pragma D option quiet
#pragma D option nspec=4

tick-10ms
/n < 10/
{
	n++;
	self->spec = speculation();
}

tick-10ms
/self->spec/
{
	speculate(self->spec);
	printf("tick %d was a multiple of 3\n", n);
}

tick-10ms
/self->spec && n % 3 == 0/
{
	commit(self->spec);
	self->spec = 0;
}

tick-10ms
/self->spec/
{
	discard(self->spec);
	self->spec = 0;
}

tick-10ms
/n >= 10/
{
	exit(0);
}
