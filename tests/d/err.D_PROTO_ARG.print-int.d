/*
 * ASSERTION: print() takes a pointer (dt_cg_act_print()); an int is
 *   incompatible with its prototype.
 */

BEGIN
{
	print(1);
	exit(0);
}
