// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replay fuzz inputs through wire-fuzz.c's target without libFuzzer, so
 * that the seed corpus and every crash ever found run in `make check` with
 * gcc's sanitizers.  Usage: run-inputs FILE...; prints "pass\tNAME" per
 * input (tests/lib.sh's form); a crash ends it with the sanitizer report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 16];
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			printf("fail\t%s\tcannot open it\n", argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		printf("pass\tfuzz input %s runs clean\n", argv[i]);
		fflush(stdout);
	}
	return 0;
}
