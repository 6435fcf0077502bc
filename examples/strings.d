/*
 * strings.d -- a tour of the D string subroutines.
 *
 * Shows: strlen, strjoin, substr, index/rindex, strchr/strrchr, strstr,
 * strtok, basename/dirname/cleanpath, lltostr, toupper/tolower, string
 * comparison, and printf() widths on strings.
 *
 * Run:  udtrace -s examples/strings.d
 */
/* @@run */

#pragma D option quiet

BEGIN
{
	path = "/usr/local/../lib/./libc.so.6";
	printf("%-12s %s\n", "path", path);
	printf("%-12s %d\n", "strlen", strlen(path));
	printf("%-12s %s\n", "cleanpath", cleanpath(path));
	printf("%-12s %s\n", "basename", basename(path));
	printf("%-12s %s\n", "dirname", dirname(path));
	printf("%-12s %d\n", "index", index(path, "lib"));
	printf("%-12s %d\n", "rindex", rindex(path, "lib"));
	printf("%-12s %s\n", "strchr", strchr(path, '.'));
	printf("%-12s %s\n", "strrchr", strrchr(path, '.'));
	printf("%-12s %s\n", "strstr", strstr(path, "libc"));
	printf("%-12s %s\n", "substr", substr(path, 1, 3));
	printf("%-12s %s\n", "strjoin", strjoin("lib", "c"));
	printf("%-12s %s\n", "toupper", toupper("libc"));
	printf("%-12s %s\n", "tolower", tolower("LIBC"));
	printf("%-12s %s\n", "lltostr", lltostr(-42));
	printf("%-12s %s", "strtok", strtok("a:b:c", ":"));
	printf(" %s", strtok(NULL, ":"));
	printf(" %s\n", strtok(NULL, ":"));
	printf("%-12s %d\n", "compare", "abc" < "abd");
	exit(0);
}
