/*
 * ASSERTION: an inline may not take the name of a built-in function;
 *   the previous identifier is a "function " (dt_idkind_name(), no
 *   inline flag).
 */

inline int rand = 7;
