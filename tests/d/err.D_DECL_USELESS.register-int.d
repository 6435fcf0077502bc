/*
 * ASSERTION: a declaration without a declarator is useless; dtrace says so
 *   before it looks at the storage class.
 */

register int;
