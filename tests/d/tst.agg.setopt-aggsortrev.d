/*
 * ASSERTION: setopt("aggsortrev") in the program changes the order used
 *   when printing at exit.
 */

#pragma D option quiet

BEGIN
{
	@a["a"] = sum(1);
	@a["b"] = sum(2);
	setopt("aggsortrev");
	exit(0);
}
