/*
 * ASSERTION: bit-fields are laid out as libctf lays out dtrace's D types:
 *   each member starts at the byte after the previous member's bits,
 *   aligned to the bytes its own bits need (rounded up to a power of two),
 *   and the struct ends with its last member (no tail padding).
 */

#pragma D option quiet

struct r1 { int a : 1; } v1;
struct r2 { int a : 1; int b : 3; } v2;
struct r3 { int a : 1; int b : 3; int c : 3; } v3;
struct r4 { int a : 1; int b : 3; int c : 3; int d : 3; } v4;
struct r5 { int c : 12; int a : 10; int b : 3; } v5;
struct r6 { int a : 20; int b : 3; int c : 12; } v6;
struct r7 { long c : 32; long long d: 9; int e: 1; } v7;
struct r8 { char a : 2; short b : 12; long c : 32; } v8;
struct r12 { int a : 30; int b : 30; int c : 32; } v12;

BEGIN
{
	printf("%d %d %d %d %d %d %d %d %d\n", sizeof(v1), sizeof(v2),
	    sizeof(v3), sizeof(v4), sizeof(v5), sizeof(v6), sizeof(v7),
	    sizeof(v8), sizeof(v12));
	exit(0);
}
