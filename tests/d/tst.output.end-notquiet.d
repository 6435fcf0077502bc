/*
 * ASSERTION: The END probe has ID 2 and fires after exit() in BEGIN;
 *   each record is printed with its own prefix.
 */

BEGIN
{
	exit(0);
}

END
{
	trace("bye");
}
