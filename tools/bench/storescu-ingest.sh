#!/bin/bash
# Times one DCMTK storescu association sending compare.sh's data set B (1000
# CT files, /tmp/bench-data-full/b) to a fresh Isengard (ports 8244, 4444), as
# compare.sh's dicom_ingest does; prints the wall time, storescu's CPU and the
# server's CPU during the transfer (/proc/PID/stat ticks, 1/100 s).
#   tools/bench/storescu-ingest.sh
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
W=${TMPDIR:-/tmp}/isengard-storescu-ingest; rm -rf "$W"; mkdir -p "$W"
cat > "$W/config.json" <<JSON
{ "Name": "bench", "HttpPort": 8244, "DicomPort": 4444, "DicomAet": "BENCH",
  "StorageDirectory": "$W/s", "IndexDirectory": "$W/s", "RemoteAccessAllowed": true,
  "AuthenticationEnabled": false, "DicomCheckCalledAet": false,
  "DicomModalities": { "benchscu": [ "BENCHSCU", "127.0.0.1", 11112 ] },
  "StorageCompression": false, "HttpCompressionEnabled": false }
JSON
"$repo/bin/isengard" "$W/config.json" > "$W/server.log" 2>&1 &
for i in $(seq 1 600); do curl -sf localhost:8244/system >/dev/null && break; sleep 0.5; done
PID=$(ss -ltnp | awk '/:8244 /{print $NF}' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
export TCP_NODELAY=1
before=$(awk '{print $14+$15}' /proc/$PID/stat)
start=$(date +%s%N)
/usr/bin/time -f "storescu CPU: user %U s, system %S s" storescu -aet BENCHSCU -aec BENCH +sd 127.0.0.1 4444 /tmp/bench-data-full/b
end=$(date +%s%N)
echo "storescu of $(ls /tmp/bench-data-full/b | wc -l) files: $(( (end - start) / 1000000 )) ms"
echo "server CPU during the transfer: $(( $(awk '{print $14+$15}' /proc/$PID/stat) - before )) ticks"
kill $PID
