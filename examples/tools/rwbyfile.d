#!/usr/bin/env -S udtrace -s
/*
 * rwbyfile.d -- the reads and writes of files a command (or a running
 * process) and the processes it starts make, from the io provider: each
 * I/O as it completes (iosnoop's job), and at the end the count and the
 * bytes per file and direction.
 *
 * Usage: udtrace -s rwbyfile.d -c 'CMD ARGS'
 *        udtrace -s rwbyfile.d -p PID             (^C to end)
 *        ./rwbyfile.d -c 'CMD ARGS' | -p PID      (as an executable)
 *
 * One line per I/O, at io:::done: process id, name, D (R read, W
 * write), the file offset (fi_offset), SIZE the bytes asked for
 * (b_bcount), BYTES the bytes moved (b_bcount - b_resid), ERR (b_error,
 * when B_ERROR is set) and the file (fi_pathname). Then, when the
 * command exits (or at ^C), per file and direction the number of I/Os
 * and the bytes moved, sorted by the number of I/Os.
 *
 * udtrace's io provider sees the read/write-family syscalls on regular
 * files and block devices (page-cache hits included); pipes, sockets
 * and terminals are not I/O to it, nor are mmap and io_uring.
 *
 * Example: udtrace -s rwbyfile.d -c 'cp /etc/services /tmp/x'
 *   (cp uses copy_file_range(2): a read and a write I/O each, asking for
 *   as much as there is)
 *
 *     PID COMM             D       OFFSET     SIZE    BYTES ERR FILE
 *   25437 cp               R            0      832      832   0 /usr/lib/x86_64-linux-gnu/libc.so.6
 *   ...
 *   25437 cp               R            0 9223372035781033984    12813   0 /etc/services
 *   25437 cp               W            0 9223372035781033984    12813   0 /tmp/x
 *   25437 cp               R        12813 9223372035781033984        0   0 /etc/services
 *   25437 cp               W        12813 9223372035781033984        0   0 /tmp/x
 *
 *   D FILE                                               I/Os        BYTES
 *   R /usr/lib/x86_64-linux-gnu/libc.so.6                   1          832
 *   ...
 *   R /etc/services                                         2        12813
 *   W /tmp/x                                                2        12813
 */

#pragma D option quiet

BEGIN
{
	printf("%7s %-16s %s %12s %8s %8s %3s %s\n", "PID", "COMM", "D",
	    "OFFSET", "SIZE", "BYTES", "ERR", "FILE");
}

io:::done
/progenyof($target)/
{
	this->dir = args[0]->b_flags & B_READ ? "R" : "W";
	this->moved = args[0]->b_bcount - args[0]->b_resid;
	printf("%7d %-16s %s %12d %8d %8d %3d %s\n", pid, execname, this->dir,
	    args[2]->fi_offset, args[0]->b_bcount, this->moved,
	    args[0]->b_flags & B_ERROR ? args[0]->b_error : 0,
	    args[2]->fi_pathname);
	@ios[this->dir, args[2]->fi_pathname] = count();
	@bytes[this->dir, args[2]->fi_pathname] = sum(this->moved);
}

END
{
	printf("\n%s %-48s %6s %12s\n", "D", "FILE", "I/Os", "BYTES");
	printa("%s %-48s %@6d %@12d\n", @ios, @bytes);
}
