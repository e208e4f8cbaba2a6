#!/usr/bin/env bash
# One-command set-up on a fresh Debian 12 machine (as root): system packages, a running Docker engine,
# the local base image for the container suite, npm dependencies and the build. Idempotent: every
# phase checks first and skips what is already done. Prints how long each phase took.
#   bash scripts/setup.sh        then        npm test
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ARGENT_LOG_TAG=setup
# shellcheck source=ci/lib.sh
. scripts/ci/lib.sh
trap on_error ERR
export DEBIAN_FRONTEND=noninteractive

# bubblewrap: the sandbox. docker.io + debootstrap: the container suite and its base image.
# python3, make, g++: node-pty's native build during npm ci. perl, procps: host test probes.
# chromium: the approval page's browser tests (no browser download works here; Debian's does).
# ripgrep and socat: srt (@anthropic-ai/sandbox-runtime), the peer `npm run bench:exec` measures against, needs them.
APT_PACKAGES=(bubblewrap docker.io debootstrap ca-certificates python3 make g++ perl procps chromium ripgrep socat)

total_start=$(now_ms)

phase_begin "check host"
[ "$(id -u)" = 0 ] || die "setup installs system packages and starts dockerd, so it runs as root" "run: sudo bash scripts/setup.sh"
command -v node >/dev/null || die "node is not installed" "install Node 20.19 or newer"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  die "Node $(node -v) is too old; argent-run needs >= 20.19" "install Node 20.19 or newer"
command -v npm >/dev/null || die "npm is not installed" "install npm alongside Node"
phase_end "node $(node -v), npm $(npm -v)"

phase_begin "apt packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  phase_end "all present"
else
  log "installing: ${missing[*]}"
  apt-get update -qq || die "apt-get update failed" "check the machine's Debian mirror in /etc/apt/sources.list.d/"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install ${missing[*]} failed" "run it by hand to see apt's message"
  phase_end "installed ${missing[*]}"
fi

phase_begin "docker engine"
scripts/ci/start-dockerd.sh || die "no Docker engine answers" "see the dockerd log above; the container suite needs a running engine"
phase_end

phase_begin "base image"
scripts/ci/build-base-image.sh || die "building the base image failed" "see the messages above"
phase_end "$(scripts/ci/base-image-tag.sh)"

phase_begin "npm ci"
# npm ci always deletes node_modules first: skip it when the installed tree already matches the
# lockfile (by content: versions and integrity hashes), so a re-run does not disturb a good install.
if differences=$(node scripts/ci/node-modules-current.mjs); then
  phase_end "node_modules matches package-lock.json, skipped"
else
  log "node_modules differs from the lockfile: ${differences%%$'\n'*}"
  npm ci --no-audit --no-fund || die "npm ci failed" "see npm's message above"
  phase_end
fi

phase_begin "npm run build"
npm run build --silent || die "the TypeScript build failed" "fix the compiler errors above"
phase_end

phase_summary
log "setup done in $(awk "BEGIN{printf \"%.1f\", ($(now_ms) - $total_start)/1000}") s; next: npm test"
