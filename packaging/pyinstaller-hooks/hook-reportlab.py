# PyInstaller hook: ReportLab finds TrueType fonts by file name in its own fonts/ folder. The
# order sheet and bag label use Bitstream Vera, so those four files (and their licence) ship;
# the rest of that folder (Type 1 demo fonts) stays out.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files(
    "reportlab", includes=["fonts/Vera*.ttf", "fonts/bitstream-vera-license.txt"]
)
