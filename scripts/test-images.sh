#!/usr/bin/env bash
# Builds the images the tests and examples run on, from Debian packages (no registry is reachable).
# An image is rebuilt only when this script changed since it was built (its recipe label differs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
capstan="$root/capstan"
recipe="$(sha256sum "$0" | cut -c1-16)"

current_recipe() {
  docker image inspect --format '{{ index .Config.Labels "io.capstan.recipe" }}' "$1" 2>/dev/null || true
}

# capstan-busybox:test — Debian's busybox-static with every applet linked, and an /index.html for httpd -h /.
image=capstan-busybox:test
if [ "$(current_recipe "$image")" != "$recipe" ]; then
  echo "test-images: building $image" >&2
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs"/{bin,etc,tmp,root,var/www}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf '<h1>capstan busybox test image</h1>\n' >"$rootfs/index.html"
  tar -C "$rootfs" -c . | "$capstan" images import -c 'CMD ["sh"]' -c "LABEL io.capstan.recipe=$recipe" - "$image" >/dev/null
fi

# capstan-busybox-healthy:test — the same with a HEALTHCHECK that passes once /tmp/ready exists.
image=capstan-busybox-healthy:test
if [ "$(current_recipe "$image")" != "$recipe" ]; then
  echo "test-images: building $image" >&2
  printf 'FROM capstan-busybox:test\nHEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD test -f /tmp/ready\nLABEL io.capstan.recipe=%s\n' \
    "$recipe" | docker build -q -t "$image" - >/dev/null 2>"${TMPDIR:-/tmp}/capstan-build.log" \
    || { cat "${TMPDIR:-/tmp}/capstan-build.log" >&2; exit 1; }
fi

# capstan-kernel-python:latest — the Jupyter kernel image (Debian minbase + python3-ipykernel), for KernelsIT.
# capstan caches its root filesystem and does nothing when the image is up to date.
"$capstan" kernel image build >/dev/null
