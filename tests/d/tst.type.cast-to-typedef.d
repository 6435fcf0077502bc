/*
 * ASSERTION: Casts to typedef names work like casts to the underlying
 *   type.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", (uint8_t)300, (int16_t)70000);
	exit(0);
}
