#!/usr/bin/env bash
# Make sure a Docker engine answers: reuse a running one, else start dockerd in the background and
# wait for /var/run/docker.sock. The started daemon outlives this script (npm test needs it); its pid
# is written to $ARGENT_DOCKERD_PIDFILE so whoever started it can stop exactly that process.
set -euo pipefail

SOCK=/var/run/docker.sock
LOG=${ARGENT_DOCKERD_LOG:-/var/log/argent-dockerd.log}
PIDFILE=${ARGENT_DOCKERD_PIDFILE:-/var/run/argent-dockerd.pid}
WAIT_SECONDS=${ARGENT_DOCKERD_WAIT:-60}

if docker info >/dev/null 2>&1; then
  echo "docker engine already running; reusing it"
  exit 0
fi
command -v dockerd >/dev/null || { echo "dockerd not found: apt-get install -y docker.io" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "starting dockerd needs root (run: sudo bash scripts/setup.sh)" >&2; exit 1; }

# A stale socket from a dead daemon would make the wait below pass too early.
if [ -S "$SOCK" ] && ! docker info >/dev/null 2>&1; then rm -f "$SOCK"; fi

# setsid + nohup: the daemon must survive the end of this script and of the calling shell's session.
setsid nohup dockerd >"$LOG" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PIDFILE"
echo "started dockerd (pid $pid, log $LOG, pidfile $PIDFILE)"

for ((i = 0; i < WAIT_SECONDS * 5; i++)); do
  if [ -S "$SOCK" ] && docker info >/dev/null 2>&1; then
    echo "docker engine answers on $SOCK after $((i / 5)) s"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "dockerd exited during start-up; last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  sleep 0.2
done
echo "dockerd did not answer on $SOCK within $WAIT_SECONDS s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2
exit 1
