#!/bin/sh
# Lay out the Linux tarball's folder: stage.sh APP_FOLDER STAGE_FOLDER
# STAGE_FOLDER gets ino-desk/ (a copy of APP_FOLDER), install.sh, README.txt and share/ with
# the menu entry, AppStream metainfo and hicolor icons named after the application id.
# Used by scripts/dist and by tests/packaging (with a stand-in application folder).
set -eu
[ $# -eq 2 ] || { echo "usage: stage.sh APP_FOLDER STAGE_FOLDER" >&2; exit 2; }
app=$1
stage=$2
here=$(cd "$(dirname "$0")" && pwd)
icons="$here/../../resources/icons"
app_id=org.inodesk.InoDesk

[ -x "$app/ino-desk" ] || { echo "stage.sh: $app/ino-desk is missing" >&2; exit 1; }
rm -rf "$stage"
mkdir -p "$stage/share/applications" "$stage/share/metainfo" \
  "$stage/share/icons/hicolor/scalable/apps"
cp -a "$app" "$stage/ino-desk"
cp "$here/$app_id.desktop" "$stage/share/applications/"
cp "$here/$app_id.metainfo.xml" "$stage/share/metainfo/"
cp "$icons/ino-desk.svg" "$stage/share/icons/hicolor/scalable/apps/$app_id.svg"
for png in "$icons"/ino-desk-*.png; do
  size=$(basename "$png" .png)
  size=${size#ino-desk-}
  mkdir -p "$stage/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$stage/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
cp "$here/install.sh" "$stage/install.sh"
chmod 755 "$stage/install.sh"
cp "$here/README-tarball.txt" "$stage/README.txt"
