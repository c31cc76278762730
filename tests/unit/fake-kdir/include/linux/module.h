/* Fake kernel header for the probe runner's unit tests. */
#define MODULE_LICENSE(x)
