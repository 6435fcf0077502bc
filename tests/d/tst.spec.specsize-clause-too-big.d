/*
 * ASSERTION: A clause whose data can never fit in a speculation (8 bytes
 *   of header plus its recorded values, here 8 + 9 * 8 = 80 bytes against
 *   a specsize of 79) is abandoned at speculate(): a speculative drop, and
 *   its later statements do not run. A clause that fits on its own but
 *   not next to what the speculation holds runs, and only its data is
 *   dropped (dtrace-utils' tst.SpecSizeVariations).
 */

#pragma D option quiet
#pragma D option specsize=79

BEGIN
{
	x = 100ll;
	n = 0;
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++);
	n++;
}

BEGIN
{
	speculate(s);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	n++;
}

BEGIN
{
	commit(s);
	t = speculation();
}

BEGIN
{
	speculate(t);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++);
	n++;
}

BEGIN
{
	speculate(t);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++); printf("%lld\n", x++); printf("%lld\n", x++);
	printf("%lld\n", x++);
	n++;
}

BEGIN
{
	commit(t);
}

BEGIN
{
	printf("n = %d, x = %d\n", n, x);
	exit(0);
}
