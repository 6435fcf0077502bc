/*
 * ASSERTION: The D library (dtrace's ip.d) defines the IPPROTO_* protocol
 *   numbers, and tcp.d's TH_* header flags.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d %d\n", IPPROTO_IP, IPPROTO_ICMP, IPPROTO_IGMP,
	    IPPROTO_IPIP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6);
	printf("%d %d %d %d %d %d %d\n", IPPROTO_HOPOPTS, IPPROTO_ROUTING,
	    IPPROTO_FRAGMENT, IPPROTO_ICMPV6, IPPROTO_NONE, IPPROTO_DSTOPTS,
	    IPPROTO_SCTP);
	printf("%d %d %d %d\n", IPPROTO_GRE, IPPROTO_ESP, IPPROTO_AH,
	    IPPROTO_RAW);
	printf("%x %x %x %x %x %x %x %x\n", TH_FIN, TH_SYN, TH_RST, TH_PUSH,
	    TH_ACK, TH_URG, TH_ECE, TH_CWR);
	exit(0);
}
