/*
 * ASSERTION: an aggregation passed to printf() is named by its kind,
 *   "aggregation" (dt_node_type_name()).
 */

BEGIN
{
	@a = count();
	printf("hello %d %d", 123, @a);
}
