struct foo { int a; char b[4]; };
BEGIN
{
	this->s = (struct foo *)alloca(sizeof (struct foo));
	this->s->a = 5;
	printf("%d %s\n", this->s->a, stringof(this->s->b));
	exit(0);
}
