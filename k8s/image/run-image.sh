#!/usr/bin/env bash
# Runs an image tar (Jib's, or `docker save`'s) without Docker, to try it on this machine: unpacks
# its layers into a temporary root and starts its entrypoint there as the image says (user, working
# directory, environment), chrooted, in new mount and PID namespaces with their own /proc.
# A smoke test, not a container runtime: no network namespace, no cgroup limits, numeric users only,
# no whiteout files (Jib writes none). Needs root, jq and util-linux's unshare.
# Usage: k8s/image/run-image.sh IMAGE.tar [ARGS...]   (ARGS replace the image's CMD)
set -euo pipefail

image="${1:?usage: $0 IMAGE.tar [ARGS...]}"
shift
[ "$(id -u)" -eq 0 ] || { echo "run-image: needs root (chroot, namespaces)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xf "$image" -C "$work"
root="$work/rootfs"
mkdir -p "$root"
for layer in $(jq -r '.[0].Layers[]' "$work/manifest.json"); do
  tar -xpf "$work/$layer" -C "$root" --numeric-owner --warning=no-unknown-keyword
done

config="$work/$(jq -r '.[0].Config' "$work/manifest.json")"
user="$(jq -r '.config.User // "0:0"' "$config")"
[[ "$user" =~ ^[0-9]+(:[0-9]+)?$ ]] || { echo "run-image: user '$user' is not numeric" >&2; exit 1; }
uid="${user%%:*}"
gid="${user#*:}"
workdir="$(jq -r '.config.WorkingDir // "/"' "$config")"
mapfile -t env < <(jq -r '.config.Env // [] | .[]' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint // [] | .[]' "$config")
if [ $# -gt 0 ]; then args=("$@"); else mapfile -t args < <(jq -r '.config.Cmd // [] | .[]' "$config"); fi

# What a runtime would provide: /proc (unshare mounts it once inside the root) and the usual devices.
mkdir -p "$root/proc" "$root/dev"
mknod -m 666 "$root/dev/null" c 1 3
mknod -m 666 "$root/dev/zero" c 1 5
mknod -m 666 "$root/dev/random" c 1 8
mknod -m 666 "$root/dev/urandom" c 1 9

echo "run-image: user $uid:$gid in $workdir: ${entrypoint[*]} ${args[*]}" >&2
env -i "${env[@]}" unshare --mount --pid --fork --mount-proc=/proc \
  --root="$root" --wd="$workdir" --setuid="$uid" --setgid="$gid" "${entrypoint[@]}" "${args[@]}"
