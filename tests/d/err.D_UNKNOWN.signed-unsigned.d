/*
 * ASSERTION: "signed unsigned" spells no type (D_UNKNOWN).
 */

signed unsigned x;
