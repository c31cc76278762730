// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe: ib_device_ops callbacks take the port number as u32 (it was u8).
 * tracks: v5.13, 1fb7f8973f51 ("RDMA: Support more than 255 rdma ports")
 */
#include <rdma/ib_verbs.h>

static int probe_query_port(struct ib_device *dev, u32 port,
			    struct ib_port_attr *attr)
{
	return 0;
}

static const struct ib_device_ops probe_ops __maybe_unused = {
	.query_port = probe_query_port,
};
