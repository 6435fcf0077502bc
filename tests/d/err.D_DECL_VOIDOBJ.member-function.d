/*
 * ASSERTION: a member of function type is a void member.
 */

struct {
	int trace();
};
