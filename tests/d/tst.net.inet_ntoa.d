/*
 * ASSERTION: inet_ntoa() formats an IPv4 address in network byte order
 *   as a dotted quad.
 */

#pragma D option quiet

BEGIN
{
	this->ip = (ipaddr_t *)alloca(sizeof (ipaddr_t));
	*this->ip = htonl(0xc0a80101);
	printf("%s\n", inet_ntoa(this->ip));
	exit(0);
}
