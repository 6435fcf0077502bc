/*
 * ASSERTION: "short long" spells no type: dtrace builds the name from the
 *   specifiers and fails to look it up (D_UNKNOWN, not D_DECL_COMBO).
 */

BEGIN
{
	i = (short long)0;
}
