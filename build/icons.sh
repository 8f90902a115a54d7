#!/bin/bash
# Renders the app's icons from build/appicon.svg (run by `make icons`; the
# results are committed). Needs rsvg-convert (Debian librsvg2-bin) and
# ImageMagick's convert. Both give the same bytes for the same input, so a
# rerun with unchanged tools leaves git clean.
set -euo pipefail
cd "$(dirname "$0")"

sizes=(16 22 24 32 48 64 96 128 256 512 1024)
mkdir -p icons windows
for s in "${sizes[@]}"; do
	rsvg-convert --width "$s" --height "$s" --keep-aspect-ratio appicon.svg -o "icons/${s}x${s}.png"
done
# Wails' convention: build/appicon.png, 1024x1024.
cp icons/1024x1024.png appicon.png
# The Windows icon: the sizes Explorer, the taskbar and the Start menu use;
# ImageMagick stores the small ones as bitmaps and 256x256 as PNG.
convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png \
	icons/128x128.png icons/256x256.png windows/icon.ico
echo "icons rendered from build/appicon.svg: build/icons/*.png, build/appicon.png, build/windows/icon.ico"
