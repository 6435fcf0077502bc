/*
 * ASSERTION: Quiet trace() prints integers with no padding, signed or
 *   unsigned by type.
 */

#pragma D option quiet

BEGIN
{
	trace((int8_t)-1);
	trace(" ");
	trace((uint8_t)-1);
	trace(" ");
	trace((int16_t)-2);
	trace(" ");
	trace((uint16_t)-2);
	trace(" ");
	trace(-3);
	trace(" ");
	trace((uint32_t)-3);
	trace(" ");
	trace((int64_t)-4);
	trace(" ");
	trace((uint64_t)-4);
	trace("\n");
	exit(0);
}
