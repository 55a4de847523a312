# PyInstaller hook (takes precedence over the stock one): QtNetwork comes in only because
# other Qt modules link to it. ino-desk works offline, so its TLS backends, network-information
# plugins and OpenSSL copies are left out.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if "plugins" not in dest]
