/* Fake kernel header: this "kernel" has fake_new_api() but not fake_old_api(). */
static inline int fake_new_api(int x)
{
	return x + 1;
}
