/*
 * ASSERTION: repeated specifiers that still spell a type are accepted, as
 *   dt_decl_attr() only accumulates them: "short short" is short, a fourth
 *   "long" folds back into "long long", "unsigned unsigned" is unsigned.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d\n", sizeof(short short), sizeof(long long long long),
	    sizeof(unsigned unsigned), sizeof(signed));
	exit(0);
}
