/*
 * ASSERTION: A #! interpreter line in a script is ignored by the
 *   compiler.
 */

#pragma D option quiet

#!/usr/bin/env udtrace -qs

BEGIN
{
	printf("ok\n");
	exit(0);
}
