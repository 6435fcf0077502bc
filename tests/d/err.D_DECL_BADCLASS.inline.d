/*
 * ASSERTION: an inline takes no storage class.
 */

inline extern int x = 1;
