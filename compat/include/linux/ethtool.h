/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TANDEM_COMPAT_LINUX_ETHTOOL_H
#define _TANDEM_COMPAT_LINUX_ETHTOOL_H

#include_next <linux/ethtool.h>

#include <linux/kernel.h>
#include <linux/string.h>

#ifndef TANDEM_HAVE_ETHTOOL_SPRINTF
/* 7888fe53b706 (v5.13): write one ETH_GSTRING_LEN string and advance. */
static inline __printf(2, 3) void ethtool_sprintf(u8 **data, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(*data, ETH_GSTRING_LEN, fmt, args);
	va_end(args);
	*data += ETH_GSTRING_LEN;
}
#endif

#ifndef TANDEM_HAVE_ETHTOOL_PUTS
/* 2a48c635fd9a (v6.8): ethtool_sprintf() for a plain string. */
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy(*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

/*
 * Callbacks whose signature grew.  Driver code writes the newest signature
 * and names such a callback in its ethtool_ops through the matching
 * *_OP() macro, after declaring the pair with *_THUNKS(): on kernels
 * with the newest signature both are transparent; on older ones the macro
 * defines a thunk with the old signature that passes empty kernel-side
 * parameters and no extack (the old ioctl path had none).
 */
#define ETHTOOL_THUNK_NAME(fn)	__tandem_thunk_##fn

#ifdef TANDEM_HAVE_ETHTOOL_KERNEL_COALESCE
#define ETHTOOL_COALESCE_THUNKS(get, set)	\
	static_assert(sizeof(typeof(get) *) == sizeof(typeof(set) *))
#define ETHTOOL_COALESCE_OP(fn)			fn
#else
/* f3ccfda19319 (v5.15): coalesce callbacks gained these two parameters. */
struct kernel_ethtool_coalesce {
	u8 use_cqe_mode_tx;
	u8 use_cqe_mode_rx;
};

#define ETHTOOL_COALESCE_THUNKS(get, set)				\
static int ETHTOOL_THUNK_NAME(get)(struct net_device *dev,		\
				   struct ethtool_coalesce *ec)		\
{									\
	struct kernel_ethtool_coalesce kec = {};			\
									\
	return get(dev, ec, &kec, NULL);				\
}									\
static int ETHTOOL_THUNK_NAME(set)(struct net_device *dev,		\
				   struct ethtool_coalesce *ec)		\
{									\
	struct kernel_ethtool_coalesce kec = {};			\
									\
	return set(dev, ec, &kec, NULL);				\
}									\
static_assert(1)
#define ETHTOOL_COALESCE_OP(fn)			ETHTOOL_THUNK_NAME(fn)
#endif

#ifdef TANDEM_HAVE_ETHTOOL_KERNEL_RINGPARAM
#define ETHTOOL_RINGPARAM_THUNKS(get, set)	\
	static_assert(sizeof(typeof(get) *) == sizeof(typeof(set) *))
#define ETHTOOL_RINGPARAM_OP(fn)		fn
#else
/* 7462494408cd (v5.17): ringparam callbacks gained these two parameters. */
struct kernel_ethtool_ringparam {
	u32 rx_buf_len;
	u32 tx_push;
	u32 cqe_size;
};

#define ETHTOOL_RINGPARAM_THUNKS(get, set)				\
static void ETHTOOL_THUNK_NAME(get)(struct net_device *dev,		\
				    struct ethtool_ringparam *ring)	\
{									\
	struct kernel_ethtool_ringparam kring = {};			\
									\
	get(dev, ring, &kring, NULL);					\
}									\
static int ETHTOOL_THUNK_NAME(set)(struct net_device *dev,		\
				   struct ethtool_ringparam *ring)	\
{									\
	struct kernel_ethtool_ringparam kring = {};			\
									\
	return set(dev, ring, &kring, NULL);				\
}									\
static_assert(1)
#define ETHTOOL_RINGPARAM_OP(fn)		ETHTOOL_THUNK_NAME(fn)
#endif

#ifdef TANDEM_HAVE_ETHTOOL_RXFH_PARAM
#define ETHTOOL_RXFH_THUNKS(get, set)	\
	static_assert(sizeof(typeof(get) *) == sizeof(typeof(set) *))
#define ETHTOOL_RXFH_OP(fn)			fn
#else
/* fb6e30a72539 (v6.8): get/set_rxfh take their parameters in one struct. */
struct ethtool_rxfh_param {
	u8 hfunc;
	u32 indir_size;
	u32 *indir;
	u32 key_size;
	u8 *key;
};

/* The old set_rxfh's table and key are const; the new one's are not written. */
#define ETHTOOL_RXFH_THUNKS(get, set)					\
static int ETHTOOL_THUNK_NAME(get)(struct net_device *dev, u32 *indir,	\
				   u8 *key, u8 *hfunc)			\
{									\
	struct ethtool_rxfh_param rxfh = { .indir = indir, .key = key };\
	int err = get(dev, &rxfh);					\
									\
	if (hfunc)							\
		*hfunc = rxfh.hfunc;					\
	return err;							\
}									\
static int ETHTOOL_THUNK_NAME(set)(struct net_device *dev,		\
				   const u32 *indir, const u8 *key,	\
				   const u8 hfunc)			\
{									\
	struct ethtool_rxfh_param rxfh = {				\
		.hfunc = hfunc, .indir = (u32 *)indir, .key = (u8 *)key	\
	};								\
									\
	return set(dev, &rxfh, NULL);					\
}									\
static_assert(1)
#define ETHTOOL_RXFH_OP(fn)			ETHTOOL_THUNK_NAME(fn)
#endif

/*
 * The RX ring count, which ethtool's RSS commands check the table against:
 * its own callback since v6.19, before that the ETHTOOL_GRXRINGS command of
 * get_rxnfc.  ETHTOOL_RX_RING_COUNT_OPS() is the ethtool_ops initializer.
 */
#ifdef TANDEM_HAVE_ETHTOOL_GET_RX_RING_COUNT
#define ETHTOOL_RX_RING_COUNT_THUNK(fn)	\
	static_assert(sizeof(typeof(fn) *))
#define ETHTOOL_RX_RING_COUNT_OPS(fn)		.get_rx_ring_count = (fn)
#else
#define ETHTOOL_RX_RING_COUNT_THUNK(fn)					\
static int ETHTOOL_THUNK_NAME(fn)(struct net_device *dev,		\
				  struct ethtool_rxnfc *nfc,		\
				  u32 *rule_locs)			\
{									\
	if (nfc->cmd != ETHTOOL_GRXRINGS)				\
		return -EOPNOTSUPP;					\
	nfc->data = fn(dev);						\
	return 0;							\
}									\
static_assert(1)
#define ETHTOOL_RX_RING_COUNT_OPS(fn)		.get_rxnfc = ETHTOOL_THUNK_NAME(fn)
#endif

#endif /* _TANDEM_COMPAT_LINUX_ETHTOOL_H */
