/*
 * ASSERTION: inet_ntop(AF_INET, ...) formats an IPv4 address.
 */

#pragma D option quiet

BEGIN
{
	this->ip = (ipaddr_t *)alloca(sizeof (ipaddr_t));
	*this->ip = htonl(0x7f000001);
	printf("%s\n", inet_ntop(2, this->ip));
	exit(0);
}
