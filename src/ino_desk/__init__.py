"""ino-desk: offline pharmacist workstation for inotuzumab ozogamicin (BESPONSA)."""

__version__ = "0.1.0"
