/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel 82574L register map: the registers tandem_en uses, with the section
 * of the 82574 datasheet (rev. 3.4) that describes each.
 */
#ifndef _TANDEM_EN_REGS_H
#define _TANDEM_EN_REGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* General (10.2.2) */
#define EN_CTRL			0x00000
#define EN_CTRL_GIO_MASTER_DIS	BIT(2)
#define EN_CTRL_SLU		BIT(6)
#define EN_CTRL_RST		BIT(26)
#define EN_CTRL_VME		BIT(30)
#define EN_CTRL_PHY_RST		BIT(31)
#define EN_STATUS		0x00008
#define EN_STATUS_FD		BIT(0)
#define EN_STATUS_LU		BIT(1)
#define EN_STATUS_SPEED		GENMASK(7, 6)
#define EN_STATUS_GIO_MASTER_EN	BIT(19)
#define EN_EECD			0x00010
#define EN_EECD_AUTO_RD		BIT(9)
#define EN_EERD			0x00014
#define EN_EERD_START		BIT(0)
#define EN_EERD_DONE		BIT(1)
#define EN_EERD_ADDR_SHIFT	2
#define EN_EERD_DATA_SHIFT	16
#define EN_CTRL_EXT		0x00018
#define EN_CTRL_EXT_EIAME	BIT(24)
#define EN_CTRL_EXT_IAME	BIT(27)
#define EN_CTRL_EXT_DRV_LOAD	BIT(28)
#define EN_CTRL_EXT_PBA_CLR	BIT(31)
#define EN_MDIC			0x00020
#define EN_VET			0x00038	/* the TPID tags carry and match */

/* Interrupts (10.2.4) */
#define EN_ICR			0x000c0
#define EN_ITR			0x000c4
#define EN_ICS			0x000c8
#define EN_IMS			0x000d0
#define EN_IMC			0x000d8
#define EN_EIAC			0x000dc
#define EN_IAM			0x000e0
#define EN_IVAR			0x000e4
#define EN_EITR(n)		(0x000e8 + 4 * (n))

#define EN_ICR_TXDW		BIT(0)
#define EN_ICR_LSC		BIT(2)
#define EN_ICR_RXDMT0		BIT(4)
#define EN_ICR_RXO		BIT(6)
#define EN_ICR_RXT0		BIT(7)
#define EN_ICR_RXQ(q)		BIT(20 + (q))
#define EN_ICR_TXQ(q)		BIT(22 + (q))
#define EN_ICR_OTHER		BIT(24)

/* IVAR: a 4-bit entry per cause, the vector in bits 2:0 and a valid bit. */
#define EN_IVAR_VALID		0x8
#define EN_IVAR_RXQ_SHIFT(q)	(4 * (q))
#define EN_IVAR_TXQ_SHIFT(q)	(8 + 4 * (q))
#define EN_IVAR_OTHER_SHIFT	16

/* Receive (10.2.5) */
#define EN_RCTL			0x00100
#define EN_RCTL_EN		BIT(1)
#define EN_RCTL_UPE		BIT(3)
#define EN_RCTL_MPE		BIT(4)
#define EN_RCTL_LPE		BIT(5)
#define EN_RCTL_LBM_MAC		BIT(6)	/* loopback mode 01: MAC loopback */
#define EN_RCTL_BAM		BIT(15)
#define EN_RCTL_VFE		BIT(18)
#define EN_RCTL_SECRC		BIT(26)
#define EN_RDBAL(q)		(0x02800 + 0x100 * (q))
#define EN_RDBAH(q)		(0x02804 + 0x100 * (q))
#define EN_RDLEN(q)		(0x02808 + 0x100 * (q))
#define EN_RDH(q)		(0x02810 + 0x100 * (q))
#define EN_RDT(q)		(0x02818 + 0x100 * (q))
#define EN_RDTR			0x02820
#define EN_RADV			0x0282c
#define EN_RXCSUM		0x05000
#define EN_RXCSUM_IPOFLD	BIT(8)
#define EN_RXCSUM_TUOFLD	BIT(9)
#define EN_RXCSUM_PCSD		BIT(13)	/* write back the RSS hash */
#define EN_RFCTL		0x05008
#define EN_RFCTL_ISCSI_DIS	BIT(0)
#define EN_RFCTL_NFSW_DIS	BIT(6)
#define EN_RFCTL_NFSR_DIS	BIT(7)
#define EN_RFCTL_ACK_DIS	BIT(12)
#define EN_RFCTL_EXTEN		BIT(15)
#define EN_MTA(n)		(0x05200 + 4 * (n))
#define EN_MTA_SIZE		128
#define EN_RAL(n)		(0x05400 + 8 * (n))
#define EN_RAH(n)		(0x05404 + 8 * (n))
#define EN_RAH_AV		BIT(31)
#define EN_RAR_ENTRIES		16
#define EN_VFTA(n)		(0x05600 + 4 * (n))
#define EN_VFTA_SIZE		128
#define EN_MRQC			0x05818
#define EN_MRQC_RSS		0x1
#define EN_MRQC_TCP_IPV4	BIT(16)
#define EN_MRQC_IPV4		BIT(17)
#define EN_MRQC_TCP_IPV6	BIT(18)
#define EN_MRQC_IPV6		BIT(20)
#define EN_RETA(n)		(0x05c00 + 4 * (n))
#define EN_RETA_ENTRIES		128	/* one byte each; bit 7 is the queue */
#define EN_RSSRK(n)		(0x05c80 + 4 * (n))
#define EN_RSSRK_SIZE		40

/* Transmit (10.2.6) */
#define EN_TCTL			0x00400
#define EN_TCTL_EN		BIT(1)
#define EN_TCTL_PSP		BIT(3)
#define EN_TCTL_CT		(0xf << 4)
#define EN_TCTL_COLD		(0x3f << 12)
#define EN_TCTL_RTLC		BIT(24)
#define EN_TIPG			0x00410
#define EN_TIPG_DEFAULT		0x00602008
#define EN_TDBAL(q)		(0x03800 + 0x100 * (q))
#define EN_TDBAH(q)		(0x03804 + 0x100 * (q))
#define EN_TDLEN(q)		(0x03808 + 0x100 * (q))
#define EN_TDH(q)		(0x03810 + 0x100 * (q))
#define EN_TDT(q)		(0x03818 + 0x100 * (q))
#define EN_TIDV			0x03820
#define EN_TADV			0x0382c
#define EN_TARC(q)		(0x03840 + 0x100 * (q))
#define EN_TARC_ENABLE		BIT(10)

/* Statistics (10.2.7): read-clear; en_mac_stats in en_hw.c names them. */
#define EN_STATS_FIRST		0x04000
#define EN_STATS_LAST		0x04124

/* Extended receive descriptor (7.1.5.2), as written back. */
struct en_rx_desc_wb {
	__le32 mrq;
	__le32 rss;
	__le32 status_error;
	__le16 length;
	__le16 vlan;
};

#define EN_RXD_MRQ_TYPE		GENMASK(3, 0)
#define EN_RXD_MRQ_TCP_IPV4	0x1
#define EN_RXD_MRQ_TCP_IPV6	0x3
#define EN_RXD_STAT_DD		BIT(0)
#define EN_RXD_STAT_EOP		BIT(1)
#define EN_RXD_STAT_VP		BIT(3)
#define EN_RXD_STAT_UDPCS	BIT(4)
#define EN_RXD_STAT_TCPCS	BIT(5)
#define EN_RXD_ERR_TCPE		BIT(29)
#define EN_RXD_ERR_IPE		BIT(30)
/* CRC, symbol, sequence, carrier-extension and data errors: a bad frame. */
#define EN_RXD_ERR_FRAME	(BIT(24) | BIT(25) | BIT(26) | BIT(28) | BIT(31))

/* Extended receive descriptor, as the driver hands it to the device. */
struct en_rx_desc_read {
	__le64 buffer_addr;
	__le64 reserved;
};

union en_rx_desc {
	struct en_rx_desc_read read;
	struct en_rx_desc_wb wb;
};

/*
 * Transmit descriptors (7.2.10): data descriptors carry buffers; a context
 * descriptor, written only when it changes, tells the device where the
 * checksum of the packets after it goes.
 */
struct en_tx_desc {
	__le64 buffer_addr;
	__le32 lower;		/* length 19:0, DTYP 23:20, DCMD 31:24 */
	__le32 upper;		/* status 3:0, POPTS 15:8, VLAN 31:16 */
};

struct en_tx_context_desc {
	__le32 ip_setup;	/* IPCSS 7:0, IPCSO 15:8, IPCSE 31:16 */
	__le32 tu_setup;	/* TUCSS 7:0, TUCSO 15:8, TUCSE 31:16 */
	__le32 cmd_and_length;	/* PAYLEN 19:0, DTYP 23:20, TUCMD 31:24 */
	__le32 tcp_seg_setup;	/* status 7:0, HDRLEN 15:8, MSS 31:16 */
};

#define EN_TXD_DTYP_DATA	BIT(20)
#define EN_TXD_CMD_EOP		BIT(24)
#define EN_TXD_CMD_IFCS		BIT(25)
#define EN_TXD_CMD_TSE		BIT(26)
#define EN_TXD_CMD_RS		BIT(27)
#define EN_TXD_CMD_DEXT		BIT(29)
#define EN_TXD_CMD_VLE		BIT(30)
#define EN_TXD_VLAN_SHIFT	16
#define EN_TXD_POPTS_IXSM	BIT(8)
#define EN_TXD_POPTS_TXSM	BIT(9)
#define EN_TXD_STAT_DD		BIT(0)
#define EN_TXC_TUCMD_TCP	BIT(24)
#define EN_TXC_TUCMD_IPV4	BIT(25)

#endif /* _TANDEM_EN_REGS_H */
