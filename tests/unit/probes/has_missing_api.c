/*
 * probe: fake_missing_api(), which the fake kernel lacks.
 * tracks: v7.99, ba9876543210 ("fake: add fake_missing_api()")
 */
#include <linux/feature.h>

int probe(void)
{
	return fake_missing_api(1);
}
