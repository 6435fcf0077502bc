/*
 * ASSERTION: stringof() turns a char array into a string.
 */

#pragma D option quiet

struct named {
    char name[8];
};

struct named f;

BEGIN
{
	f.name[0] = 'd';
	f.name[1] = 't';
	f.name[2] = '\0';
	s = stringof(f.name);
	printf("%s %d\n", s, strlen(s));
	exit(0);
}
