// SPDX-License-Identifier: GPL-2.0-only
/*
 * tandem_en: interrupts.
 *
 * With MSI-X every RX and TX queue has a vector and a NAPI context of its
 * own, and one more vector takes link changes and the other causes.  Without
 * MSI-X, one MSI or INTx vector and one NAPI context serve a single queue
 * pair.  The interrupt_mode module parameter names the best mode to try;
 * the driver falls back from there.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include "en.h"

/* Causes one MSI or INTx vector handles. */
#define EN_IMS_SINGLE	(EN_ICR_RXT0 | EN_ICR_TXDW | EN_ICR_LSC | \
			 EN_ICR_RXO | EN_ICR_RXDMT0)

static const char * const en_irq_mode_names[] = {
	[EN_IRQ_MSIX] = "msix",
	[EN_IRQ_MSI] = "msi",
	[EN_IRQ_INTX] = "intx",
};

static enum en_irq_mode en_irq_mode_param = EN_IRQ_MSIX;

static int en_irq_mode_set(const char *val, const struct kernel_param *kp)
{
	int mode = sysfs_match_string(en_irq_mode_names, val);

	if (mode < 0) {
		pr_err("interrupt_mode must be msix, msi or intx\n");
		return -EINVAL;
	}
	*(enum en_irq_mode *)kp->arg = mode;
	return 0;
}

static int en_irq_mode_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%s\n",
			  en_irq_mode_names[*(enum en_irq_mode *)kp->arg]);
}

static const struct kernel_param_ops en_irq_mode_ops = {
	.set = en_irq_mode_set,
	.get = en_irq_mode_get,
};

module_param_cb(interrupt_mode, &en_irq_mode_ops, &en_irq_mode_param, 0444);
MODULE_PARM_DESC(interrupt_mode,
		 "best interrupt mode to try: msix (default), msi or intx");

const char *en_irq_mode_name(enum en_irq_mode mode)
{
	return en_irq_mode_names[mode];
}

static int en_irq_alloc_vectors(struct en_adapter *adapter)
{
	struct pci_dev *pdev = adapter->pdev;
	int want = 2 * adapter->num_queues + 1;
	int n;

	if (en_irq_mode_param == EN_IRQ_MSIX) {
		n = pci_alloc_irq_vectors(pdev, want, want, PCI_IRQ_MSIX);
		if (n == want) {
			adapter->irq_mode = EN_IRQ_MSIX;
			return 0;
		}
		dev_info(&pdev->dev, "MSI-X with %d vectors unavailable (%d), trying MSI\n",
			 want, n);
	}
	/* One vector serves everything: one queue pair. */
	adapter->num_queues = 1;
	if (en_irq_mode_param <= EN_IRQ_MSI) {
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
		if (n == 1) {
			adapter->irq_mode = EN_IRQ_MSI;
			return 0;
		}
		dev_info(&pdev->dev, "MSI unavailable (%d), using INTx\n", n);
	}
	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX);
	if (n != 1) {
		dev_err(&pdev->dev, "no interrupt available (%d); check the PCI interrupt settings of the machine or VM\n",
			n);
		return n < 0 ? n : -ENOSPC;
	}
	adapter->irq_mode = EN_IRQ_INTX;
	return 0;
}

/**
 * en_irq_init - choose the interrupt mode and set up the vectors' NAPI
 * @adapter: the port; num_queues is what it would like, and may shrink
 *
 * Return: 0 or a negative errno.
 */
int en_irq_init(struct en_adapter *adapter)
{
	unsigned int q, nq;
	int err;

	err = en_irq_alloc_vectors(adapter);
	if (err)
		return err;

	/* A new queue count maps rings to vectors anew (ethtool -L). */
	memset(adapter->q_vector, 0, sizeof(adapter->q_vector));
	nq = adapter->num_queues;
	if (adapter->irq_mode == EN_IRQ_MSIX) {
		for (q = 0; q < nq; q++) {
			adapter->q_vector[q].rx = &adapter->rx_ring[q];
			adapter->q_vector[q].ims = EN_ICR_RXQ(q);
			adapter->q_vector[nq + q].tx = &adapter->tx_ring[q];
			adapter->q_vector[nq + q].ims = EN_ICR_TXQ(q);
		}
		adapter->num_q_vectors = 2 * nq;
		adapter->other_irq = pci_irq_vector(adapter->pdev, 2 * nq);
	} else {
		adapter->q_vector[0].rx = &adapter->rx_ring[0];
		adapter->q_vector[0].tx = &adapter->tx_ring[0];
		adapter->q_vector[0].ims = EN_IMS_SINGLE;
		adapter->num_q_vectors = 1;
	}
	for (q = 0; q < adapter->num_q_vectors; q++) {
		struct en_q_vector *qv = &adapter->q_vector[q];

		qv->adapter = adapter;
		qv->irq = pci_irq_vector(adapter->pdev, q);
		netif_napi_add(adapter->netdev, &qv->napi, en_poll);
	}
	return 0;
}

void en_irq_exit(struct en_adapter *adapter)
{
	unsigned int i;

	for (i = 0; i < adapter->num_q_vectors; i++)
		netif_napi_del(&adapter->q_vector[i].napi);
	/*
	 * QEMU 7.2's e1000e aborts if the interrupt mode changes within
	 * 128 us of an interrupt: let any last one age before MSI-X goes.
	 */
	usleep_range(1000, 2000);
	pci_free_irq_vectors(adapter->pdev);
}

static irqreturn_t en_msix_queue(int irq, void *data)
{
	struct en_q_vector *qv = data;

	/* EIAC masked this cause; en_poll() unmasks it when done. */
	napi_schedule_irqoff(&qv->napi);
	return IRQ_HANDLED;
}

static irqreturn_t en_msix_other(int irq, void *data)
{
	struct en_adapter *adapter = data;
	u32 icr = en_rd32(adapter, EN_ICR);

	/* Acknowledge by writing the causes back: QEMU 7.2 does not clear
	 * ICR on read in MSI-X mode, and a cause left set is never sent again.
	 */
	en_wr32(adapter, EN_ICR, icr);
	if (icr & EN_ICR_LSC)
		en_link_check_now(adapter);
	en_wr32(adapter, EN_IMS, EN_ICR_OTHER | EN_ICR_LSC);
	return IRQ_HANDLED;
}

static irqreturn_t en_intr(int irq, void *data)
{
	struct en_q_vector *qv = data;
	struct en_adapter *adapter = qv->adapter;
	u32 icr = en_rd32(adapter, EN_ICR);	/* clears it, drops INTx */

	if (!icr)
		return IRQ_NONE;	/* a shared INTx line, not ours */
	if (icr & EN_ICR_LSC)
		en_link_check_now(adapter);
	en_wr32(adapter, EN_IMC, ~0u);
	napi_schedule_irqoff(&qv->napi);
	return IRQ_HANDLED;
}

/**
 * en_irq_request - request the vectors' IRQs, named after the netdev
 * @adapter: the port
 *
 * Return: 0 or a negative errno; nothing stays requested on failure.
 */
int en_irq_request(struct en_adapter *adapter)
{
	const char *ifname = adapter->netdev->name;
	unsigned int i;
	int err;

	for (i = 0; i < adapter->num_q_vectors; i++) {
		struct en_q_vector *qv = &adapter->q_vector[i];

		if (adapter->irq_mode != EN_IRQ_MSIX) {
			snprintf(qv->name, sizeof(qv->name), "%s", ifname);
			err = request_irq(qv->irq, en_intr,
					  adapter->irq_mode == EN_IRQ_INTX ? IRQF_SHARED : 0,
					  qv->name, qv);
		} else {
			snprintf(qv->name, sizeof(qv->name), "%s-%s-%u", ifname,
				 qv->rx ? "rx" : "tx", qv->rx ? qv->rx->queue : qv->tx->queue);
			err = request_irq(qv->irq, en_msix_queue, 0, qv->name, qv);
		}
		if (err)
			goto err_free;
	}
	if (adapter->irq_mode == EN_IRQ_MSIX) {
		err = request_irq(adapter->other_irq, en_msix_other, 0,
				  adapter->netdev->name, adapter);
		if (err)
			goto err_free;
	}
	return 0;

err_free:
	netdev_err(adapter->netdev, "cannot get IRQ %d (%d); try interrupt_mode=msi or intx\n",
		   i < adapter->num_q_vectors ? adapter->q_vector[i].irq : adapter->other_irq, err);
	while (i--)
		free_irq(adapter->q_vector[i].irq, &adapter->q_vector[i]);
	return err;
}

void en_irq_free(struct en_adapter *adapter)
{
	unsigned int i;

	if (adapter->irq_mode == EN_IRQ_MSIX)
		free_irq(adapter->other_irq, adapter);
	for (i = 0; i < adapter->num_q_vectors; i++)
		free_irq(adapter->q_vector[i].irq, &adapter->q_vector[i]);
}

static void en_irq_configure_msix(struct en_adapter *adapter)
{
	unsigned int i, nq = adapter->num_queues;
	u32 ivar = 0, queue_causes = 0;

	for (i = 0; i < nq; i++) {
		ivar |= (EN_IVAR_VALID | i) << EN_IVAR_RXQ_SHIFT(i);
		ivar |= (EN_IVAR_VALID | (nq + i)) << EN_IVAR_TXQ_SHIFT(i);
		queue_causes |= EN_ICR_RXQ(i) | EN_ICR_TXQ(i);
	}
	ivar |= (EN_IVAR_VALID | 2 * nq) << EN_IVAR_OTHER_SHIFT;
	en_wr32(adapter, EN_IVAR, ivar);
	/* Queue causes auto-clear and auto-mask when their message is sent. */
	en_wr32(adapter, EN_CTRL_EXT,
		(en_rd32(adapter, EN_CTRL_EXT) & ~EN_CTRL_EXT_IAME) |
		EN_CTRL_EXT_EIAME | EN_CTRL_EXT_PBA_CLR);
	en_wr32(adapter, EN_EIAC, queue_causes);
	en_irq_set_itr(adapter);
	en_wr32(adapter, EN_IMS, queue_causes | EN_ICR_OTHER | EN_ICR_LSC);
}

/*
 * Interrupt moderation, as ethtool -C set it: RX vectors at itr[0], TX
 * vectors at itr[1], the OTHER vector at the default; one vector serving
 * everything follows the RX setting.
 */
void en_irq_set_itr(struct en_adapter *adapter)
{
	unsigned int i;

	if (adapter->irq_mode != EN_IRQ_MSIX) {
		en_wr32(adapter, EN_ITR, adapter->itr[0]);
		return;
	}
	for (i = 0; i < adapter->num_q_vectors; i++)
		en_wr32(adapter, EN_EITR(i),
			adapter->itr[adapter->q_vector[i].rx ? 0 : 1]);
	en_wr32(adapter, EN_EITR(adapter->num_q_vectors), EN_ITR_DEFAULT);
}

void en_irq_enable(struct en_adapter *adapter)
{
	if (adapter->irq_mode == EN_IRQ_MSIX) {
		en_irq_configure_msix(adapter);
	} else {
		en_irq_set_itr(adapter);
		en_wr32(adapter, EN_IMS, EN_IMS_SINGLE);
	}
	en_flush(adapter);
}

/*
 * Raise every queue's interrupt cause by hand, as if frames had come and
 * gone: each NAPI poll runs, cleans its ring and refills it.  The link
 * watchdog does this every EN_LINK_POLL, as the in-tree e1000e's does, so
 * that an interrupt the device (or its model) lost never stalls a ring for
 * good: a stalled RX ring stops all reception, and nothing else wakes it.
 */
void en_irq_kick_queues(struct en_adapter *adapter)
{
	u32 causes = 0;
	unsigned int i;

	if (adapter->irq_mode == EN_IRQ_MSIX) {
		for (i = 0; i < adapter->num_q_vectors; i++)
			causes |= adapter->q_vector[i].ims;
	} else {
		causes = EN_ICR_RXT0;
	}
	en_wr32(adapter, EN_ICS, causes);
}

void en_irq_disable(struct en_adapter *adapter)
{
	unsigned int i;

	en_wr32(adapter, EN_IMC, ~0u);
	en_wr32(adapter, EN_EIAC, 0);
	en_flush(adapter);
	for (i = 0; i < adapter->num_q_vectors; i++)
		synchronize_irq(adapter->q_vector[i].irq);
	if (adapter->irq_mode == EN_IRQ_MSIX)
		synchronize_irq(adapter->other_irq);
}
