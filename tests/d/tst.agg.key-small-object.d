/*
 * ASSERTION: An aggregation key that is an object of 1, 2, 4 or 8 bytes
 *   (a char[4], a struct of two shorts) prints as an integer of that size
 *   (" %8d" for 4 bytes, in the host's byte order), as dtrace's
 *   dt_print_datum() goes by the record size alone; a longer char array
 *   prints as a string ("  %-50s").
 */

#pragma D option quiet

char n[4];
char m[6];
struct {
	short a;
	short b;
} st;

BEGIN
{
	n[0] = 'a';
	n[1] = 'b';
	m[0] = 'x';
	m[1] = 'y';
	st.a = 1;
	st.b = 2;
	@c4[n] = count();
	@c6[m] = count();
	@s4[st] = count();
	exit(0);
}
