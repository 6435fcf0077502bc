/*
 * ASSERTION: a value stored to a bit-field is truncated to its width
 *   (256, 65536 and 2^32 all leave 0), also in the packed layout.
 */

#pragma D option quiet

struct bitRecord {
	int a : 1;
	int b : 15;
	int c : 31;
} var;

BEGIN
{
	var.a = 256;
	var.b = 65536;
	var.c = 4294967296;
	printf("%d %d %d\n", var.a, var.b, var.c);
	var.b = 5;
	var.c = -3;
	printf("%d %d %d\n", var.a, var.b, var.c);
	exit(0);
}
