#!/bin/sh
# Install ino-desk from this unpacked tarball, or remove it again.
#
#   ./install.sh                     as a user: into ~/.local; as root: into /opt/ino-desk
#   ./install.sh --prefix DIR        anywhere (the app goes to DIR/lib/ino-desk)
#   ./install.sh --uninstall [--prefix DIR]
#
# Layout under PREFIX: lib/ino-desk/ (the application folder), bin/ino-desk (a link to it),
# share/applications, share/metainfo and share/icons/hicolor (desktop menu entry and icons).
# When PREFIX/share is not a folder the desktop searches, the menu entry and icons also go to
# ~/.local/share (user) or /usr/local/share (root) so the app appears in the menu.
# Records and settings live in the user's data folders and are never touched by this script.
set -eu

APP_ID=org.inodesk.InoDesk
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" = 0 ]; then
    prefix=/opt/ino-desk
    menu_share=/usr/local/share
else
    prefix="${HOME}/.local"
    menu_share="${XDG_DATA_HOME:-${HOME}/.local/share}"
fi
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (use --prefix DIR or --uninstall)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

app_dir="$prefix/lib/ino-desk"
manifest="$app_dir/.installed-files"

do_uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "install.sh: ino-desk is not installed in $prefix (no $manifest)" >&2
        exit 1
    fi
    # The manifest lists every file and link this script created outside the app folder.
    while IFS= read -r path; do
        [ -n "$path" ] && rm -f "$path"
    done < "$manifest"
    rm -rf "$app_dir"
    refresh_caches
    echo "ino-desk removed from $prefix (your records and settings were kept)"
}

refresh_caches() {
    for share in "$prefix/share" "$menu_share"; do
        if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$share/applications" ]; then
            update-desktop-database -q "$share/applications" 2>/dev/null || true
        fi
        if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ]; then
            gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
        fi
    done
}

# put SRC DEST: copy one file, remember it in the manifest
put() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    echo "$2" >> "$manifest.new"
}

install_share() {  # install_share SHARE_DIR: menu entry, metainfo and icons
    share=$1
    desktop="$share/applications/$APP_ID.desktop"
    mkdir -p "$(dirname "$desktop")"
    # Exec and TryExec name the installed binary, so the menu works without PATH changes.
    sed -e "s|^Exec=.*|Exec=$app_dir/ino-desk|" -e "s|^TryExec=.*|TryExec=$app_dir/ino-desk|" \
        "$here/share/applications/$APP_ID.desktop" > "$desktop"
    echo "$desktop" >> "$manifest.new"
    put "$here/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
    for icon in "$here"/share/icons/hicolor/*/apps/"$APP_ID".*; do
        size_dir=$(basename "$(dirname "$(dirname "$icon")")")
        put "$icon" "$share/icons/hicolor/$size_dir/apps/$(basename "$icon")"
    done
}

do_install() {
    if [ ! -x "$here/ino-desk/ino-desk" ]; then
        echo "install.sh: $here/ino-desk/ino-desk is missing; unpack the whole tarball first" >&2
        exit 1
    fi
    if [ -f "$manifest" ]; then  # an update: remove the old files first, keep user data
        do_uninstall >/dev/null
    fi
    mkdir -p "$prefix/lib" "$prefix/bin"
    tmp_dir="$prefix/lib/.ino-desk-installing.$$"
    rm -rf "$tmp_dir"
    cp -R "$here/ino-desk" "$tmp_dir"
    mv "$tmp_dir" "$app_dir"
    : > "$manifest.new"
    ln -sf "$app_dir/ino-desk" "$prefix/bin/ino-desk"
    echo "$prefix/bin/ino-desk" >> "$manifest.new"
    install_share "$prefix/share"
    case ":${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:${XDG_DATA_HOME:-$HOME/.local/share}:" in
        *":$prefix/share:"*) ;;
        *) install_share "$menu_share" ;;
    esac
    mv "$manifest.new" "$manifest"
    refresh_caches
    echo "ino-desk installed in $app_dir"
    echo "start it from the applications menu, or run: $prefix/bin/ino-desk"
}

"do_$action"
