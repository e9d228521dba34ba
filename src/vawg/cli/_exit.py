"""Exit status for every command, decided in one place (docs/cli.md, "Exit status").

The root Typer group runs every command inside :meth:`VawgGroup.invoke`, so whatever a command raises
is turned into one line on stderr and one :class:`~vawg.errors.ExitCode`:

- an error of the vawg tree: its message, and its class's ``exit_code`` (2, or 3 for a locked store);
- DuckDB's own lock error, wherever it escapes: 3, naming the process that holds the store;
- anything else is a bug: 4, with the traceback written to a log file the message names, so nothing
  is lost and the terminal does not fill with a stack trace (an exception's text may quote a value
  from the data, so the log is marked OFFICIAL-SENSITIVE and readable by its owner only).

Typer's own exits (``--help``, usage errors, which exit 2) and Ctrl-C pass through unchanged.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from vawg.errors import ExitCode, StoreLocked, VawgError


def _log_dirs() -> list[Path]:
    from vawg.config import get_settings

    configured = get_settings().log_dir
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return (
        [configured] if configured else [state / "vawg" / "logs", Path(tempfile.gettempdir()) / "vawg-logs"]
    )


def write_crash_log(exc: BaseException, command: str) -> Path | None:
    """Write ``exc``'s traceback to a new file (mode 0600) and return its path; None if none could be."""
    from vawg import MARKING, __version__

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = (
        f"{MARKING}\nvawg {__version__} internal error in `{command}` at {stamp} (pid {os.getpid()})\n\n"
        + "".join(traceback.format_exception(exc))
    )
    for folder in _log_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"vawg-error-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None


def exit_status(exc: BaseException, command: str = "vawg") -> int:
    """Print the one-line message for ``exc`` on stderr and return the exit status it means."""
    err = Console(stderr=True, soft_wrap=True)
    locked = StoreLocked.from_exception(exc) if not isinstance(exc, StoreLocked) else exc
    if locked is not None:
        exc = locked
    if isinstance(exc, VawgError):
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        return int(exc.exit_code)
    log = write_crash_log(exc, command)
    if log is None:  # no writable folder: the traceback goes to stderr rather than being lost
        traceback.print_exception(exc, file=sys.stderr)
        where = "above"
    else:
        where = f"in {log}"
    err.print(
        f"[bold red]internal error[/] ({type(exc).__name__}) in `{escape(command)}`: a bug in vawg, not in "
        f"your input. The traceback is {escape(where)}; please attach it to a bug report.",
        highlight=False,
    )
    return int(ExitCode.INTERNAL)


class VawgGroup(TyperGroup):
    """The root command group: every command runs inside :meth:`invoke`, which sets the exit status."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):  # --help, usage errors (2), Ctrl-C
            raise
        except Exception as exc:
            name = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
            raise typer.Exit(exit_status(exc, name)) from None


__all__ = ["VawgGroup", "exit_status", "write_crash_log"]
