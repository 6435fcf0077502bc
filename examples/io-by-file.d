/*
 * io-by-file.d -- bytes read and written per file, and the size of each
 * request, from the io provider.
 *
 * Shows: io:::start and io:::done with their translated arguments:
 * args[0] (bufinfo_t: b_flags, b_bcount, b_resid) and args[2] (fileinfo_t:
 * fi_pathname). udtrace's io provider sees read/write-family syscalls on
 * regular files and block devices (page-cache hits included; mmap and
 * io_uring I/O are not seen).
 *
 * Run:  udtrace -s examples/io-by-file.d -c 'cp /etc/services /tmp/x'
 */

#pragma D option quiet

io:::done
/pid == $target/
{
	this->dir = args[0]->b_flags & B_READ ? "read" : "write";
	@bytes[this->dir, args[2]->fi_pathname] =
	    sum(args[0]->b_bcount - args[0]->b_resid);
	@size[this->dir] = quantize(args[0]->b_bcount);
}

END
{
	printf("%-6s %-48s %12s\n", "DIR", "FILE", "BYTES");
	printa("%-6s %-48s %@12d\n", @bytes);
	printf("\nrequest sizes:\n");
	printa(@size);
}
