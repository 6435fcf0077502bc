/*
 * The provider of usdt_hg.c (tests/trace/usdt-hG.test): udtrace -h makes
 * its header, udtrace -G its object with the semaphores.
 */
provider udhg {
	probe work(int, char *);
	probe big__value(long long);
	probe tick();
};
