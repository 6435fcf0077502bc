/*
 * ASSERTION: a string compares with NULL (on either side) as with the
 *   empty string: a string that is "" equals NULL (dtrace-utils
 *   tst.strtok2 tests strtok()'s result against NULL).
 */

#pragma D option quiet

BEGIN
{
	s = "abc";
	e = "";
	printf("%d %d %d %d\n", s == NULL, s != NULL, NULL == s, NULL != s);
	printf("%d %d %d %d\n", e == NULL, e != NULL, NULL == e, NULL != e);
	t = strtok("a,b", ",");
	t = strtok(NULL, ",");
	printf("%s %d\n", t, t != NULL);
	t = strtok(NULL, ",");
	printf("[%s] %d\n", t, t == NULL);
	exit(0);
}
