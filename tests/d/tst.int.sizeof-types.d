/*
 * ASSERTION: sizeof of the C integer types and pointers (LP64).
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", sizeof (char), sizeof (short),
		sizeof (int), sizeof (long), sizeof (long long), sizeof (int *));
	printf("%d %d %d %d\n", sizeof (uint8_t), sizeof (int16_t),
		sizeof (uint32_t), sizeof (int64_t));
	exit(0);
}
