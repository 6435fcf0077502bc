/*
 * ASSERTION: The D library defines the address families with Linux's
 *   values, and AF_INET6 works as inet_ntop()'s first argument.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", AF_UNSPEC, AF_UNIX, AF_LOCAL, AF_INET,
	    AF_INET6, AF_NETLINK);
	printf("%d %d %d %d\n", AF_PACKET, AF_BLUETOOTH, AF_VSOCK, AF_XDP);
	this->a = (ipaddr_t *)alloca(sizeof(ipaddr_t));
	*this->a = htonl(0x7f000001);
	printf("%s\n", inet_ntop(AF_INET, this->a));
	this->p = (uint32_t *)alloca(16);
	this->p[0] = htonl(0x20010db8);
	this->p[1] = 0;
	this->p[2] = 0;
	this->p[3] = htonl(1);
	printf("%s\n", inet_ntop(AF_INET6, this->p));
	exit(0);
}
