/*
 * ASSERTION: tracemem(addr, size, dsize) shortens the dump to dsize bytes
 *   only when dsize is positive and smaller than size
 *   (dt_print_tracemem()): a negative dsize, or one larger than size,
 *   prints all size bytes.
 */

#pragma D option quiet

BEGIN
{
	this->p = (char *)alloca(8);
	this->p[0] = 'a'; this->p[1] = 'b'; this->p[2] = 'c'; this->p[3] = 'd';
	this->p[4] = 'e'; this->p[5] = 'f'; this->p[6] = 'g'; this->p[7] = 'h';
	this->n = -1;
	tracemem(this->p, 8, this->n);
	tracemem(this->p, 8, 3);
	tracemem(this->p, 8, 20);
	exit(0);
}
