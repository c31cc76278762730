# shellcheck shell=bash
# tandem_re's engine with stock rdma-core: ibv_rc_pingpong with buffer
# validation at sizes from 1 B to 64 KiB, and ibv_ud_pingpong, between two
# tandem guests, or between tandem_re and the in-tree rdma_rxe on the same
# wire (RXE_ROLE=server|client puts rdma_rxe on e1000e in that role).
# SIZES=1,64,... and ITERS=N override what runs.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

SIZES=${SIZES:-1,64,1024,4096,65536}
ITERS=${ITERS:-50}

rdma_setup

for size in ${SIZES//,/ }; do
	rdma_pair "rc_pingpong-$size" ibv_rc_pingpong -d "$DEV" -g "$GID" -s "$size" -n "$ITERS" -c
done
# UD: the message and the 40-byte GRH in one MTU-sized buffer.
rdma_pair ud_pingpong ibv_ud_pingpong -d "$DEV" -g "$GID" -s 1024 -n "$ITERS" -c

if [ "$DEV" = tandem_re0 ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
fi
barrier finished
