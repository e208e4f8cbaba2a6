#!/usr/bin/env bash
# Builds the local base image the Containerfile uses in CI, where no image registry exists:
# a minbase Debian bookworm made by debootstrap (Debian packages are reachable from the host, nothing
# is reachable from inside containers), plus the host's own node binary, then `docker import`.
# Cached: does nothing when the tag already exists (ARGENT_REBUILD_BASE=1 forces a rebuild).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TAG=$("$here/base-image-tag.sh")
MIRROR=${ARGENT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# bubblewrap: the sandbox. procps (ps, pgrep), python3-minimal and perl-base: the container suite's
# probes (fork bombs in several languages, interpreters writing outside allowedPaths).
PACKAGES=bubblewrap,procps,python3-minimal,perl-base,ca-certificates

if docker image inspect "$TAG" >/dev/null 2>&1 && [ "${ARGENT_REBUILD_BASE:-0}" != 1 ]; then
  echo "base image $TAG exists; skipping (ARGENT_REBUILD_BASE=1 rebuilds it)"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install -y debootstrap" >&2; exit 1; }
NODE_BIN=$(readlink -f "$(command -v node)")
[ -x "$NODE_BIN" ] || { echo "node not found on PATH; the base image copies the host's node binary" >&2; exit 1; }

root=$(mktemp -d /var/tmp/argent-base.XXXXXX)
# Only the directory this script made is removed, whatever happens.
trap 'rm -rf --one-file-system "$root"' EXIT

echo "debootstrap bookworm (minbase + $PACKAGES) from $MIRROR into $root"
if ! debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$MIRROR" >"$root.log" 2>&1; then
  echo "debootstrap failed; last lines of $root.log:" >&2
  tail -n 20 "$root.log" >&2
  echo "hint: check that $MIRROR is reachable (set ARGENT_DEBIAN_MIRROR to use another mirror)" >&2
  exit 1
fi
rm -f "$root.log"

# Node needs only libc, libstdc++ and libgcc from the image: all in minbase (apt depends on them).
install -m 0755 "$NODE_BIN" "$root/usr/local/bin/node"
# Trim what a runtime image never needs: apt lists and caches, docs, man pages.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*

chroot "$root" /usr/local/bin/node -e 'process.exit(0)' || { echo "the copied node binary does not run inside the image" >&2; exit 1; }
chroot "$root" bwrap --version >/dev/null

echo "importing as $TAG"
tar --numeric-owner -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["bash"]' \
  - "$TAG" >/dev/null
echo "base image $TAG built ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'))"
