#!/usr/bin/env bash
# Builds the base image of the mlops-agent container, without a registry or a Docker daemon: a tar
# in the `docker save` layout (manifest.json, config.json, one layer) that Jib takes as
# <from><image>tar://...</image> (agent/pom.xml, profile "image"). Its one layer holds:
#   /opt/java                   a JRE made by jlink from this machine's JDK 17, only the modules the agent uses
#   /lib..., /lib64/...         the shared libraries that JRE links against (glibc, libstdc++, zlib), from this machine
#   /usr/lib/locale/C.utf8      the locale of LANG=C.UTF-8
#   /etc/passwd, group          root and the non-root user mlops (uid and gid 1000)
#   /tmp (1777), /home/mlops    and /var/lib/mlops (working and data directory), owned by mlops
# No shell, no package manager. Usage: k8s/image/build-base.sh OUT.tar
# IMAGE_JDK picks the JDK 17 (it needs its jmods/); default: Debian's openjdk-17-jdk-headless.
set -euo pipefail
umask 022

out="${1:?usage: $0 OUT.tar}"
jdk="${IMAGE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
[ -d "$jdk/jmods" ] || { echo "build-base: no $jdk/jmods (install openjdk-17-jdk-headless or set IMAGE_JDK to a JDK 17)" >&2; exit 1; }
"$jdk/bin/java" -version 2>&1 | grep -q '"17\.' || { echo "build-base: $jdk is not a JDK 17" >&2; exit 1; }

# What `jdeps --print-module-deps --ignore-missing-deps --multi-release 17` says the shaded jar needs
# (it takes half a minute, so the answer is kept here; ImageBaseTest asks again and fails when a new
# library needs more), plus what is only reached by reflection or service loading: EC and DNS
# lookups for TLS and discovery, JNDI, JMX, zip file systems, charsets.
modules=java.base,java.compiler,java.desktop,java.instrument,java.net.http,java.scripting,java.security.jgss
modules+=,java.sql.rowset,jdk.httpserver,jdk.jfr,jdk.management,jdk.net,jdk.unsupported
modules+=,java.management,java.naming,java.sql,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root/opt/java"
# java.desktop is there for java.beans only; the agent runs headless, so the natives that draw,
# play sound or decode images (and link X11, ALSA, freetype, libjpeg, lcms) are left out.
rm -f "$root"/opt/java/lib/{libawt_xawt,libjawt,libjsound,libsplashscreen,libfontmanager,libjavajpeg,liblcms}.so

# Every shared library an ELF file of the JRE needs, copied (links followed) to the same path.
# libjvm.so is found by the launcher itself, so ldd's "not found" for it is expected.
for elf in "$root"/opt/java/bin/* $(find "$root/opt/java/lib" -name '*.so'); do
  ldd "$elf" | grep 'not found' | grep -v '^\s*libjvm\.so ' && { echo "build-base: $elf needs a missing library" >&2; exit 1; }
  ldd "$elf" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
done | grep -v "^$root/" | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# The C.UTF-8 locale (LANG below), so that Java reads and writes file names and text as UTF-8.
mkdir -p "$root/usr/lib/locale"
cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"

mkdir -p "$root"/{etc,tmp,root,home/mlops,var/lib/mlops}
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
mlops:x:1000:1000:mlops-agent:/home/mlops:/sbin/nologin
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
mlops:x:1000:
EOF
cat > "$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF

# The layer: the same from build to build (sorted, one timestamp, numeric owners), all root's but the two
# directories mlops writes to, appended after with its ownership.
mkdir -p "$work/image"
layer="$work/image/layer.tar"
tar_opts=(--format=gnu --sort=name --mtime=@1 --numeric-owner)
(cd "$root" && tar "${tar_opts[@]}" --owner=0 --group=0 --exclude=home/mlops --exclude=var/lib/mlops \
  -cf "$layer" $(ls -A))
(cd "$root" && tar "${tar_opts[@]}" --owner=1000 --group=1000 --no-recursion -rf "$layer" home/mlops var/lib/mlops)

diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
cat > "$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"k8s/image/build-base.sh: jlinked JRE 17, its libraries, user mlops"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["mlops-agent-base:local"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"

mkdir -p "$(dirname "$out")"
tar "${tar_opts[@]}" --owner=0 --group=0 -C "$work/image" -cf "$out.tmp" manifest.json config.json layer.tar
mv "$out.tmp" "$out"
echo "build-base: $out ($(du -h "$out" | cut -f1), layer $diff_id)"
