# PyInstaller hook: ReportLab's barcode package imports its symbologies (code93, code128,
# qr, ...) by name at run time, which PyInstaller cannot see; a frozen order sheet failed with
# "No module named 'reportlab.graphics.barcode.code93'" without this.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("reportlab.graphics.barcode")
