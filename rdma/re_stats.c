// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_re: hardware counters, per port, as `rdma statistic` and
 * /sys/class/infiniband/<dev>/ports/1/hw_counters show them.
 *
 * The names are rxe's, so tools and habits carry over; the table below
 * and enum re_counter (re.h) list them in the same order.  The counters
 * live in the port, so they survive a re-registration of the device.
 */
#include <rdma/ib_verbs.h>

#include "re.h"

static const struct rdma_stat_desc re_counter_descs[] = {
	[RE_CNT_SENT_PKTS].name = "sent_pkts",
	[RE_CNT_RCVD_PKTS].name = "rcvd_pkts",
	[RE_CNT_DUP_REQ].name = "duplicate_request",
	[RE_CNT_OUT_OF_SEQ_REQ].name = "out_of_seq_request",
	[RE_CNT_RCV_RNR].name = "rcvd_rnr_err",
	[RE_CNT_SND_RNR].name = "send_rnr_err",
	[RE_CNT_RCV_SEQ_ERR].name = "rcvd_seq_err",
	[RE_CNT_SENDER_SCHED].name = "ack_deferred",
	[RE_CNT_RETRY_EXCEEDED].name = "retry_exceeded_err",
	[RE_CNT_RNR_RETRY_EXCEEDED].name = "retry_rnr_exceeded_err",
	[RE_CNT_COMP_RETRY].name = "completer_retry_err",
	[RE_CNT_SEND_ERR].name = "send_err",
	[RE_CNT_LINK_DOWNED].name = "link_downed",
	[RE_CNT_RDMA_SEND].name = "rdma_sends",
	[RE_CNT_RDMA_RECV].name = "rdma_recvs",
	[RE_CNT_RETRANSMITS].name = "retransmits",
	[RE_CNT_NAK_SENT].name = "nak_sent",
	[RE_CNT_NAK_RCVD].name = "nak_rcvd",
	[RE_CNT_ICRC_ERR].name = "icrc_err",
	[RE_CNT_MALFORMED].name = "malformed_pkts",
	[RE_CNT_UNKNOWN_QP].name = "unknown_qp_pkts",
	[RE_CNT_DROPPED].name = "dropped_pkts",
	[RE_CNT_LOOPBACK].name = "loopback_pkts",
	[RE_CNT_ODP_FAULTS].name = "odp_page_faults",
};

static_assert(ARRAY_SIZE(re_counter_descs) == RE_NUM_COUNTERS);

struct rdma_hw_stats *re_alloc_hw_port_stats(struct ib_device *ibdev,
					     tandem_port_t port)
{
	if (!rdma_is_port_valid(ibdev, port))
		return NULL;
	return rdma_alloc_hw_stats_struct(re_counter_descs, RE_NUM_COUNTERS,
					  RDMA_HW_STATS_DEFAULT_LIFESPAN);
}

int re_get_hw_stats(struct ib_device *ibdev, struct rdma_hw_stats *stats,
		    tandem_port_t port, int index)
{
	struct re_port *p = to_re_dev(ibdev)->port;
	int i;

	if (!rdma_is_port_valid(ibdev, port))
		return -EINVAL;
	for (i = 0; i < RE_NUM_COUNTERS; i++)
		stats->value[i] = atomic64_read(&p->counters[i]);
	return RE_NUM_COUNTERS;
}
