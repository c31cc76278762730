/*
 * probe: the fake kernel's fake_new_api().
 * tracks: v6.99, 0123456789ab ("fake: add fake_new_api()")
 */
#include <linux/feature.h>

int probe(void)
{
	return fake_new_api(1);
}
