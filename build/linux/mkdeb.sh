#!/bin/bash
# Builds the Debian package of atpreg (run by `make dist`):
#   build/linux/mkdeb.sh VERSION BINARY OUTDIR
# The binary goes to /usr/bin, the launcher to /usr/share/applications, the
# icons under /usr/share/icons/hicolor, the AppStream metainfo to
# /usr/share/metainfo. Depends comes from dpkg-shlibdeps (the libraries the
# binary really links); it must name libgtk-3-0 and libwebkit2gtk-4.1-0.
# File times are the last commit's (SOURCE_DATE_EPOCH), so the same commit
# gives the same package.
set -euo pipefail
version=$1 bin=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
maintainer=${DEB_MAINTAINER:-HKSTP ATP RFI team <gmp.atp@hkstp.org>}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
umask 022
install -D -m 0755 "$bin" "$root/usr/bin/atpreg"
# The compiler's .comment section serves nobody (lintian: binary-has-unneeded-section).
objcopy --remove-section=.comment "$root/usr/bin/atpreg"
install -D -m 0644 "$here/atpreg.desktop" "$root/usr/share/applications/atpreg.desktop"
install -D -m 0644 "$here/hk.org.hkstp.atpreg.metainfo.xml" "$root/usr/share/metainfo/hk.org.hkstp.atpreg.metainfo.xml"
for s in 16 22 24 32 48 64 96 128 256 512; do
	install -D -m 0644 "$repo/build/icons/${s}x${s}.png" "$root/usr/share/icons/hicolor/${s}x${s}/apps/atpreg.png"
done
install -D -m 0644 "$repo/build/appicon.svg" "$root/usr/share/icons/hicolor/scalable/apps/atpreg.svg"
mkdir -p "$root/usr/share/man/man1" "$root/usr/share/doc/atpreg"
gzip -9n <"$here/atpreg.1" >"$root/usr/share/man/man1/atpreg.1.gz"
chmod 0644 "$root/usr/share/man/man1/atpreg.1.gz"

date_r=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
printf 'atpreg (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
	"$version" "$version" "$maintainer" "$date_r" | gzip -9n >"$root/usr/share/doc/atpreg/changelog.gz"
year=$(date -u +%Y -d "@$SOURCE_DATE_EPOCH")
cat >"$root/usr/share/doc/atpreg/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: atpreg
Upstream-Contact: $maintainer

Files: *
Copyright: $year Hong Kong Science and Technology Parks Corporation
License: proprietary
 Internal software of Hong Kong Science and Technology Parks Corporation
 (HKSTP) for its Advanced Therapy Products RFI. Not for redistribution.

Files: usr/bin/atpreg
Copyright: $year Hong Kong Science and Technology Parks Corporation
 2008-2009 The WenQuanYi Project Board of Trustees, Qianqian Fang, mozbug
 2006-2008 Google Corporation, Steve Matteson, Ascender Corp.
 2003-2004 Electronic Font Open Laboratory
 1990-2003 Wada Laboratory, the University of Tokyo
Comment: The program embeds the WenQuanYi Micro Hei font (face 0 of
 wqy-microhei.ttc 0.2.0-beta, as in Debian's fonts-wqy-microhei), used under
 the Apache License 2.0 (it is dual-licensed "Apache-2.0 or GPL-3+ with Font
 exception"), to write Chinese text into PDF briefing packs.
License: proprietary and Apache-2.0
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.
COPYRIGHT
chmod 0644 "$root/usr/share/doc/atpreg/copyright" "$root/usr/share/doc/atpreg/changelog.gz"

# Depends: the libraries the binary links, as dpkg-shlibdeps finds them.
mkdir -p "$work/shlib/debian"
printf 'Source: atpreg\n\nPackage: atpreg\nArchitecture: any\n' >"$work/shlib/debian/control"
depends=$(cd "$work/shlib" && dpkg-shlibdeps -O "$root/usr/bin/atpreg" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
for need in libgtk-3-0 libwebkit2gtk-4.1-0; do
	case ", $depends" in *", $need "* | *", $need,"* | *", $need") ;; *)
		echo "mkdeb: the binary does not link $need (Depends: $depends): is it the desktop build (tags desktop,production,webkit2_41)?" >&2
		exit 1 ;;
	esac
done

installed_size=$(find "$root" -type f -printf '%s\n' | awk '{ kib += int(($1 + 1023) / 1024) } END { print kib }')
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: atpreg
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: misc
Priority: optional
Homepage: https://www.hkstp.org/
Description: confidential register of the HKSTP Advanced Therapy Products RFI
 atpreg is the contact officer's tool for the Hong Kong Science and
 Technology Parks (HKSTP) Request for Information on Advanced Therapy
 Products manufacturing (cell therapy, gene therapy, tissue-engineered
 products), offline on a laptop: a passphrase-encrypted register of the
 entities and their submissions, completeness screening, evaluation,
 dialogue meetings, confidential PDF briefing packs and the anonymised
 demand picture.
 .
 It is a desktop application (GTK and WebKitGTK) and the same program is a
 command-line tool.
CONTROL
(cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$out"
deb="$out/atpreg_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
