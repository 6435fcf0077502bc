/*
 * ASSERTION: D structs and unions are laid out as libctf does: no tail
 *   padding (long + char is 9 bytes), members aligned to their own type,
 *   a struct aligned as its first member, a union as big as its largest
 *   member.
 */

#pragma D option quiet

struct a { long l; char c; };
struct b { char c; int i; };
union u { char s[5]; int i; };
struct in { short x; long y; };
struct out { char tag; struct in in; };

BEGIN
{
	printf("%d %d %d\n", sizeof(struct a), sizeof(struct b),
	    sizeof(union u));
	printf("%d %d %d\n", sizeof(struct in), offsetof(struct in, y),
	    offsetof(struct out, in));
	exit(0);
}
