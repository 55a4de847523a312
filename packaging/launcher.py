"""Entry script PyInstaller freezes: run the `ino-desk` command exactly as the wheel does."""

from ino_desk.app import main

raise SystemExit(main())
