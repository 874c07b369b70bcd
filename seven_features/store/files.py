"""Putting bytes on disk whole or not at all: the one place sevenf writes a file.

Every file sevenf writes, a cache entry, the search index or the user's `-o FILE`,
is written to a temporary file beside it and renamed into place, so no reader ever
sees half of one. A temporary file's name says it is one, and which process wrote it
(`.NAME.PID.RANDOM.tmp`), so `cache.py` can tell one left by a killed run.

`write_output` adds what a user's path needs: it writes through a symlink to its
target, straight into a character device or a pipe (`/dev/null` stays a device),
refuses a directory or a name ending in '/', replaces an existing file only when
asked, and turns every failure into one `SevenfError` naming the path and the reason.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from seven_features.errors import SevenfError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from os import PathLike

    Place = str | PathLike[str]

#: How much of the target's name a temporary file's name keeps: a target whose name is
#: just under the file system's limit must still have a temporary beside it.
NAME_KEPT = 64
#: The names `replacing` gives its temporary files; group 1 is the writer's process id.
TEMPORARY = re.compile(r"\..*\.([0-9]+)\.[A-Za-z0-9_]+\.tmp", re.DOTALL)


@contextmanager
def replacing(
    target: Place, *, replace: bool = True, mode: int | None = None, durable: bool = False
) -> Iterator[str]:
    """A fresh temporary path beside `target`, moved onto it when the block ends cleanly.

    With `replace=False` an existing `target` is never replaced, even one that appears
    meanwhile: `FileExistsError`. `mode` sets the file's permissions (mkstemp's are
    0600); `durable` flushes it to the disk before the rename. On any error the
    temporary file is removed and `target` is as it was.
    """
    temporary = temporary_beside(target)
    placed = False
    try:
        yield temporary
        if durable:
            _fsync(temporary)
        if mode is not None:
            os.chmod(temporary, mode)
        _place(temporary, target, replace)
        placed = True
    finally:
        if not placed:
            with suppress(OSError):
                os.unlink(temporary)


def temporary_beside(target: Place) -> str:
    """A new empty file beside `target` that only this user can read, named as `TEMPORARY`
    says. (As `tempfile.mkstemp` makes one, without importing tempfile, which costs a
    tenth of a run's time: it loads random, and with it hashlib and OpenSSL.)"""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    folder, name = os.path.split(os.fspath(target))
    prefix = f".{name[:NAME_KEPT]}.{os.getpid()}."
    for _ in range(100):
        temporary = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            os.close(os.open(temporary, flags, 0o600))
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(temporary: str, target: Place, replace: bool) -> None:
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # atomic: fails if anything has appeared at `target`
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: a check just before has to do
        if os.path.lexists(target):
            raise FileExistsError(
                errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(target)
            ) from None
        os.replace(temporary, target)
    else:
        os.unlink(temporary)


# --- the user's -o FILE ------------------------------------------------------------------


def write_output(path: str, data: bytes, *, force: bool = False) -> None:
    """Write `data` to the user's `path`, whole or not at all; see the module docstring."""
    if not path:
        raise SevenfError("cannot write to an empty file name")
    try:
        _write_output(path, data, force)
    except FileExistsError:
        raise SevenfError(f"{path} already exists; add --force to replace it") from None
    except OSError as error:
        raise SevenfError(f"cannot write {path}: {_reason(error)}") from None


def _write_output(path: str, data: bytes, force: bool) -> None:
    if path.endswith(("/", os.sep)):
        raise _refused(
            path, "it is a directory" if os.path.isdir(path) else "a file's name cannot end in '/'"
        )
    try:
        found = os.stat(path)  # through any symlink: the link's target is what is written
    except FileNotFoundError:
        found = None
    if found is not None:
        kind = found.st_mode
        if stat.S_ISDIR(kind):
            raise _refused(path, "it is a directory")
        if stat.S_ISFIFO(kind) and not force:  # an existing name, like any other
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path)
        if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
            _write_stream(path, data)  # waits for a reader; Ctrl-C ends the wait (130)
            return
        if not stat.S_ISREG(kind):
            raise _refused(path, f"it is a {_kind(kind)}, not a file")
        if not force:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path)
        mode = stat.S_IMODE(kind)  # a replaced file keeps its permissions
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # mkstemp's files are private; a new file gets the usual mode
    # Through the link, so a symlink stays a symlink and its target gets the new text.
    target = os.path.realpath(path) if os.path.islink(path) else path
    parent = os.path.dirname(target) or os.curdir
    if not os.path.isdir(parent):
        shown = parent if os.path.islink(path) else os.path.dirname(path)
        raise _refused(path, f"there is no directory {shown}")
    with replacing(target, replace=force, mode=mode, durable=True) as temporary:
        _write_bytes(temporary, data)


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _write_stream(path: str, data: bytes) -> None:
    """Into a character device or a pipe as it is: never renamed over, never truncated."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _refused(path: str, why: str) -> SevenfError:
    return SevenfError(f"cannot write {path}: {why}")


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOENT: "a directory on the way does not exist",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.EPIPE: "the program reading the pipe has stopped",
        errno.ENXIO: "nothing is there to write to",
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)
