/*
 * ASSERTION: struct in6_addr has Linux's in6_u union with the u6_addr8,
 *   u6_addr16 and u6_addr32 views of the 16 address bytes.
 */

#pragma D option quiet

BEGIN
{
	this->a = (struct in6_addr *)alloca(sizeof(struct in6_addr));
	this->a->in6_u.u6_addr32[0] = 0;
	this->a->in6_u.u6_addr32[1] = 0;
	this->a->in6_u.u6_addr32[2] = 0;
	this->a->in6_u.u6_addr8[0] = 0xfe;
	this->a->in6_u.u6_addr8[1] = 0x80;
	this->a->in6_u.u6_addr32[3] = htonl(0x0a000001);
	printf("%d %d %d %d %d\n", sizeof(struct in6_addr),
	    sizeof(this->a->in6_u), sizeof(this->a->in6_u.u6_addr8),
	    sizeof(this->a->in6_u.u6_addr16), sizeof(this->a->in6_u.u6_addr32));
	printf("%x %x %x\n", this->a->in6_u.u6_addr16[0],
	    this->a->in6_u.u6_addr8[15], this->a->in6_u.u6_addr32[3]);
	printf("%s\n", inet_ntop(AF_INET6, &this->a->in6_u));
	exit(0);
}
