# shellcheck shell=bash
# perftest between the guests: ib_write_bw, ib_read_bw, ib_send_bw,
# ib_atomic_bw and the _lat variants, with the QPs connected over perftest's
# TCP socket and, with -R, through rdma_cm.  Tandem on both sides, or mixed
# with rdma_rxe (RXE_ROLE=server|client).  TESTS="write_bw,..." and CM=0|1
# choose what runs; ITERS=N sets the iterations.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

TESTS=${TESTS:-write_bw,read_bw,send_bw,atomic_bw,write_lat,read_lat,send_lat,atomic_lat}
ITERS=${ITERS:-200}
CM=${CM:-0,1}

rdma_setup

for t in ${TESTS//,/ }; do
	case $t in
	*atomic*) size=8 ;;
	*_bw) size=65536 ;;
	*) size=2 ;;
	esac
	for cm in ${CM//,/ }; do
		opts=(-d "$DEV" -x "$GID" -s "$size" -n "$ITERS" -F)
		RDMA_PAIR_READY=
		[ "$cm" = 1 ] && opts+=(-R) && RDMA_PAIR_READY=rdma_cm_listening
		rdma_pair "ib_$t-cm$cm" "ib_$t" "${opts[@]}"
		[ "$ROLE" = client ] && log "ib_$t (cm $cm): $(grep -E '^ *[0-9]+ +[0-9]+' "$OUT/ib_$t-cm$cm.txt" | tail -n1 | tr -s ' ')"
	done
done

if [ "$DEV" = tandem_re0 ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
fi
barrier finished
