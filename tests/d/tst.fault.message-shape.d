/*
 * ASSERTION: A runtime fault prints the line of Oracle DTrace's
 *   dt_handle_err(), "error in dt_clause_N for probe ID P
 *   (prov:mod:func:name): FAULT", ending as ../shared/FORMATS.md §2 decides
 *   for udtrace (which runs no BPF): "in predicate" when the predicate
 *   faults, "in action #N" when the clause's N-th action does.
 */

#pragma D option quiet

BEGIN
{
	z = 0;
}

BEGIN
/1 / z/
{
	printf("not reached\n");
}

BEGIN
{
	x = 1;
	y = x / z;
}

BEGIN
{
	printf("done\n");
	exit(0);
}
