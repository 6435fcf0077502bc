/*
 * ASSERTION: an inline may not be defined twice; dtrace names the
 *   previous definition's kind ("scalar inline").
 */

inline int foo = 1;
inline int foo = 8;
