/*
 * ASSERTION: printf() conversions wider or more precise than 64 KiB print
 *   exactly what the C library's printf prints for them (dtrace writes
 *   them to the output stream), in order with the text around them; the
 *   postprocessor shows each line's length and its ends.
 */

#pragma D option quiet

BEGIN
{
	printf("<%d>", 7);
	printf("a%100000db\n", 1);
	printf("[%-*s]\n", 70000, "ab");
	printf("[%.70000d]\n", -5);
	printf("[%070000x] %d\n", 255, 42);
	printf("[%*d]\n", -65537, 3);
	@c = count();
	printa("{%@70000d}\n", @c);
	printf("[%5d]\n", 9);
	exit(0);
}
