# PyInstaller hook (takes precedence over the stock one): collect QtGui like the stock hook,
# then keep only the Qt plugins ino-desk uses. Dropping a plugin here, before PyInstaller
# analyses binaries, also keeps out the libraries only that plugin needs.
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folder -> plugin names kept (None keeps the whole folder); other folders are dropped.
KEEP_PLUGINS = {
    # A desktop (xcb, wayland, windows, cocoa) plus offscreen/minimal for headless runs.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"},
    "platforms/darwin": None,
    # Native file dialogs through the desktop portal; the GTK theme plugin is left out because
    # it drags a private copy of GTK's own libraries (cairo, pango, ...) into the bundle.
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "imageformats": {"qsvg", "qico", "qicns", "qjpeg", "qpdf", "qgif"},
    "iconengines": None,
    "xcbglintegrations": None,
    # Wayland: widgets draw in shared memory, so the shell and decorations suffice.
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": None,
    "styles": None,
    "accessiblebridge": None,
}


def _wanted(source: str, dest: str) -> bool:
    parts = Path(dest).parts
    if "plugins" not in parts:
        return True
    folder = "/".join(parts[parts.index("plugins") + 1 :])
    if folder not in KEEP_PLUGINS:
        return False
    names = KEEP_PLUGINS[folder]
    stem = Path(source).name.split(".")[0].removeprefix("lib")
    return names is None or stem in names


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if _wanted(source, dest)]
