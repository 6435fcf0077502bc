tick-10ms
/i++ >= 3/
{
	exit(0);
}

profile-97hz { @p = quantize(i); }
