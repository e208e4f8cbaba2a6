#!/usr/bin/env bash
# Prints the tag of the locally built base image. The host's Node version is part of it because the
# image carries the host's node binary and node-pty's native module is built for that Node's ABI.
set -euo pipefail
if [ -n "${ARGENT_BASE_IMAGE:-}" ]; then echo "$ARGENT_BASE_IMAGE"; exit 0; fi
echo "argent-run-base:bookworm-node$(node -p 'process.versions.node')"
