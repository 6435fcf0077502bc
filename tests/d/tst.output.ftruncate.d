/*
 * ASSERTION: ftruncate() empties the output file (-o) and rewinds it:
 *   what was printed before it is gone, what follows it starts the file
 *   (dt_consume.c: fflush, ftruncate(fileno(fp), 0), fseeko to 0).
 */
/* @@runtest-opts: -w -o $tmpdir/out */

#pragma D option quiet

BEGIN
{
	printf("before\n");
	ftruncate();
	printf("after\n");
}

BEGIN
{
	/* system()'s output goes to udtrace's stdout, not to the file */
	system("cat \"$TMPDIR/out\"");
	exit(0);
}
