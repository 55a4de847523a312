"""Lets `python -m ino_desk` behave like the `ino-desk` command."""

from ino_desk.app import main

raise SystemExit(main())
