/*
 * ASSERTION: an enumerator name may not contain the scoping operator.
 */

enum e {
	A`B
};
