# shellcheck shell=bash
# Unplugging and replugging the wire from the QEMU monitor (set_link) shows
# up as carrier changes, each logged once, and traffic resumes after each
# (FLAPS times, default 3).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
barrier link
wait_peer
if [ "$ROLE" = server ]; then
	for flap in $(seq "${FLAPS:-3}"); do
		wire_link down
		wait_carrier 0
		log "flap $flap: carrier down"
		wire_link up
		wait_carrier 1
		log "flap $flap: carrier up"
		wait_peer
		check "flap $flap: ping after the link came back" ping -c 2 -W 2 "$PEER_IP"
	done
	downs=$(dmesg | grep -c "$NIC: link down")
	ups=$(dmesg | grep -c "$NIC: link up")
	check "each loss of link logged once ($downs)" [ "$downs" = "${FLAPS:-3}" ]
	check "each return of link logged once ($ups, with the first)" [ "$ups" = $((${FLAPS:-3} + 1)) ]
fi
barrier finished
