/*
 * ASSERTION: an error after "#line 2147483646" is reported at line
 *   2147483647, the line after the directive's.
 */

#line 2147483646
BEGIN
{
	x = ;
}
