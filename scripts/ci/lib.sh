# Shared helpers for scripts/setup.sh and .ci/run: phase timing and clear failures.
# Sourced, never run. Every phase prints how long it took, and a failure names the phase and the fix.

ARGENT_PHASES=()
ARGENT_PHASE_NAME=""
ARGENT_PHASE_START=0

now_ms() { date +%s%3N; }

log() { printf '[%s] %s\n' "${ARGENT_LOG_TAG:-setup}" "$*"; }

# die MESSAGE [HINT]: one clear error line (and a hint) on stderr, then exit 1.
die() {
  printf '[%s] ERROR%s: %s\n' "${ARGENT_LOG_TAG:-setup}" "${ARGENT_PHASE_NAME:+ in phase \"$ARGENT_PHASE_NAME\"}" "$1" >&2
  if [ -n "${2:-}" ]; then printf '[%s] hint: %s\n' "${ARGENT_LOG_TAG:-setup}" "$2" >&2; fi
  exit 1
}

phase_begin() {
  ARGENT_PHASE_NAME="$1"
  ARGENT_PHASE_START=$(now_ms)
  log "== $1"
}

phase_end() {
  local ms=$(( $(now_ms) - ARGENT_PHASE_START ))
  local line
  line=$(printf '%-28s %7.1f s' "$ARGENT_PHASE_NAME" "$(awk "BEGIN{print $ms/1000}")")
  ARGENT_PHASES+=("$line${1:+  ($1)}")
  log "== $ARGENT_PHASE_NAME done in $(awk "BEGIN{printf \"%.1f\", $ms/1000}") s${1:+ ($1)}"
  ARGENT_PHASE_NAME=""
}

phase_summary() {
  log "phase timings:"
  local line
  for line in "${ARGENT_PHASES[@]}"; do log "  $line"; done
}

# Any command failing under `set -e` outside an explicit die() still names the phase it broke.
on_error() {
  local rc=$?
  printf '[%s] ERROR: phase "%s" failed (exit %s) at line %s: %s\n' \
    "${ARGENT_LOG_TAG:-setup}" "${ARGENT_PHASE_NAME:-?}" "$rc" "${BASH_LINENO[0]}" "$BASH_COMMAND" >&2
  exit "$rc"
}
