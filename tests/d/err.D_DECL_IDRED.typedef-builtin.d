/*
 * ASSERTION: a typedef may not take the name of a global identifier,
 *   such as the built-in variable pid.
 */

typedef int pid;
