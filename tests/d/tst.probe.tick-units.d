/*
 * ASSERTION: tick-N accepts ns, us, ms, s, hz and a bare number (hz).
 */

#pragma D option quiet

int a, b, c, d, e, done;

tick-1000000ns
/a == 0/
{
	a = 1;
}

tick-1000us
/b == 0/
{
	b = 1;
}

tick-1ms
/c == 0/
{
	c = 1;
}

tick-1000hz
/d == 0/
{
	d = 1;
}

tick-1000
/e == 0/
{
	e = 1;
}

tick-1ms
/a && b && c && d && e && !done/
{
	done = 1;
	printf("all fired\n");
	exit(0);
}
