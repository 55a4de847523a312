"""An argparse parser whose errors are one line naming the argument, never a usage dump."""

from __future__ import annotations

import argparse
from typing import NoReturn

EXIT_OK = 0
EXIT_FAILED = 1  # the job ran and its answer is "no" (e.g. nothing found, check failed)
EXIT_USAGE = 2  # bad input: one line on stderr, nothing on stdout
EXIT_INTERNAL = 70  # a bug: logged, one line on stderr


class UsageError(Exception):
    """Bad command-line input; the message names the argument and what is allowed."""


class StrictParser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("exit_on_error", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def choice_type(name: str, choices: dict[str, object]) -> object:
    """An argparse `type` that names the flag and the allowed words on a bad value."""

    def convert(text: str) -> object:
        key = text.strip().lower()
        if key not in choices:
            allowed = "|".join(choices)
            raise UsageError(f"{name}: {text!r} is not allowed; use one of {allowed}")
        return choices[key]

    return convert
