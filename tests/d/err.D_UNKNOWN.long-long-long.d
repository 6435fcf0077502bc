/*
 * ASSERTION: a third "long" makes the name "long long long", which is no
 *   type (dt_decl_attr() keeps adding attributes; the lookup fails).
 */

BEGIN
{
	i = (long long long)0;
}
