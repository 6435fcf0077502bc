/*
 * ASSERTION: a bit-field must be of integer type; an unnamed one is
 *   called "(anon)" in the message.
 */

struct bits {
	float : 1;
} xyz;
