/*
 * ASSERTION: an inline may not take the name of a tracing function.
 */

inline int trace = 1;
