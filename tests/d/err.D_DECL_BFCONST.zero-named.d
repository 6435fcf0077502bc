/*
 * ASSERTION: a named bit-field must have a positive width; zero is only
 *   for unnamed bit-fields.
 */

struct bits {
	int a : 1;
	int b : 0;
	int c : 12;
} var;
