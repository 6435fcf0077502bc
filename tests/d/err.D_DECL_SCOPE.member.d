/*
 * ASSERTION: a member name may not contain the scoping operator.
 */

struct s {
	int a`b;
};
