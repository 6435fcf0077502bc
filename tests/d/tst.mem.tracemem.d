/*
 * ASSERTION: tracemem() prints the bytes as a hex and character table,
 *   even in quiet mode.
 */

#pragma D option quiet

BEGIN
{
	this->p = (char *)alloca(20);
	this->p[0] = 'd'; this->p[1] = 't'; this->p[2] = 'r'; this->p[3] = 'a';
	this->p[4] = 'c'; this->p[5] = 'e'; this->p[6] = 0; this->p[7] = 1;
	this->p[8] = 0x7f; this->p[9] = 'A'; this->p[10] = ' '; this->p[11] = '~';
	this->p[12] = 0; this->p[13] = 0; this->p[14] = 0; this->p[15] = 0;
	this->p[16] = 'x'; this->p[17] = 'y'; this->p[18] = 0; this->p[19] = 0;
	tracemem(this->p, 18);
	exit(0);
}
