"""`-o PATH` over every kind of path: the exit code, one line on stderr, no traceback,
and the file system afterwards exactly as expected (`files.write_output`)."""

from __future__ import annotations

import functools
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import Cli
from hypothesis import given, settings
from hypothesis import strategies as st

# The cases below are plain functions called from a hypothesis test: no fixture reaches them.
sevenf = Cli()
#: What the file system holds at a path: ("file", bytes), ("link", target), ("dir",), ("fifo",).
Entry = tuple[object, ...]


@functools.cache
def brief() -> bytes:
    code, out, err = sevenf.raw("brief", "--feature", "6")
    assert (code, err) == (0, "")
    return out


def snapshot(root: Path) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[str(path.relative_to(root))] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                found[str(path.relative_to(root))] = ("dir",)
            elif stat.S_ISFIFO(mode):
                found[str(path.relative_to(root))] = ("fifo",)
            else:
                found[str(path.relative_to(root))] = ("file", path.read_bytes())
    return found


@dataclass
class Expected:
    """What `-o path` should do: its exit code, the end of its error line and the changes."""

    path: str
    code: int = 0
    reason: str = ""
    changes: dict[str, Entry] = field(default_factory=dict)
    stdout: bytes = b""
    reader: bool = False  # a FIFO: something must read it


OLD = ("file", b"the user's own text")
Case = Callable[[Path, str, bool], Expected]


def new_file(root: Path, name: str, force: bool) -> Expected:
    return Expected(str(root / name), changes={name: ("file", brief())})


def existing_file(root: Path, name: str, force: bool) -> Expected:
    (root / name).write_bytes(b"the user's own text")
    if force:
        return Expected(str(root / name), changes={name: ("file", brief())})
    return Expected(str(root / name), 1, "already exists; add --force to replace it")


def link_to_file(root: Path, name: str, force: bool) -> Expected:
    (root / "target.md").write_bytes(b"the user's own text")
    (root / name).symlink_to("target.md")
    if force:  # written through the link: the link stays, its target gets the brief
        return Expected(str(root / name), changes={"target.md": ("file", brief())})
    return Expected(str(root / name), 1, "already exists; add --force to replace it")


def dangling_link(root: Path, name: str, force: bool) -> Expected:
    (root / name).symlink_to("target.md")
    return Expected(str(root / name), changes={"target.md": ("file", brief())})


def link_into_nowhere(root: Path, name: str, force: bool) -> Expected:
    (root / name).symlink_to("missing/target.md")
    return Expected(str(root / name), 1, f"there is no directory {root / 'missing'}")


def directory(root: Path, name: str, force: bool) -> Expected:
    (root / name).mkdir()
    return Expected(str(root / name), 1, "it is a directory")


def link_to_directory(root: Path, name: str, force: bool) -> Expected:
    (root / "folder").mkdir()
    (root / name).symlink_to("folder")
    return Expected(str(root / name), 1, "it is a directory")


def trailing_slash(root: Path, name: str, force: bool) -> Expected:
    return Expected(str(root / name) + "/", 1, "a file's name cannot end in '/'")


def directory_with_slash(root: Path, name: str, force: bool) -> Expected:
    (root / name).mkdir()
    return Expected(str(root / name) + "/", 1, "it is a directory")


def missing_parent(root: Path, name: str, force: bool) -> Expected:
    return Expected(str(root / "missing" / name), 1, f"there is no directory {root / 'missing'}")


def parent_is_a_file(root: Path, name: str, force: bool) -> Expected:
    (root / "plain").write_bytes(b"the user's own text")
    return Expected(str(root / "plain" / name), 1, "a part of the path is not a directory")


def name_too_long(root: Path, name: str, force: bool) -> Expected:
    return Expected(str(root / (name * 300)[:300]), 1, "File name too long")


def folder_name_too_long(root: Path, name: str, force: bool) -> Expected:
    return Expected(str(root / (name * 300)[:300] / "brief.md"), 1, "File name too long")


def link_loop(root: Path, name: str, force: bool) -> Expected:
    (root / name).symlink_to("other")
    (root / "other").symlink_to(name)
    return Expected(str(root / name), 1, "Too many levels of symbolic links")


def dev_null(root: Path, name: str, force: bool) -> Expected:
    return Expected("/dev/null")  # written as a device: nothing in the folder changes


def link_to_dev_null(root: Path, name: str, force: bool) -> Expected:
    (root / name).symlink_to("/dev/null")
    return Expected(str(root / name))


def dev_full(root: Path, name: str, force: bool) -> Expected:
    return Expected("/dev/full", 1, "No space left on device")


def fifo(root: Path, name: str, force: bool) -> Expected:
    # An existing FIFO is an existing name like any other: written into with --force.
    os.mkfifo(root / name)
    if not force:
        return Expected(str(root / name), 1, "already exists; add --force to replace it")
    return Expected(str(root / name), reader=True)


def link_to_fifo(root: Path, name: str, force: bool) -> Expected:
    os.mkfifo(root / "pipe")
    (root / name).symlink_to("pipe")
    if not force:
        return Expected(str(root / name), 1, "already exists; add --force to replace it")
    return Expected(str(root / name), reader=True)


def dash(root: Path, name: str, force: bool) -> Expected:
    return Expected("-", stdout=brief())  # stdout, never a file called '-'


CASES: list[Case] = [
    new_file,
    existing_file,
    link_to_file,
    dangling_link,
    link_into_nowhere,
    directory,
    link_to_directory,
    trailing_slash,
    directory_with_slash,
    missing_parent,
    parent_is_a_file,
    name_too_long,
    folder_name_too_long,
    link_loop,
    dev_null,
    link_to_dev_null,
    dev_full,
    fifo,
    link_to_fifo,
    dash,
]

# A file's name: anything a file system takes, with newlines, quotes and other scripts.
NAMES = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
    min_size=1,
    max_size=30,
).filter(lambda n: n not in (".", "..", "-") and len(n.encode()) <= 200)


def read_all(path: str, into: list[bytes]) -> None:
    with open(path, "rb") as pipe:
        into.append(pipe.read())


@settings(max_examples=150, deadline=None)
@given(case=st.sampled_from(CASES), name=NAMES, force=st.booleans())
def test_every_kind_of_path(case: Case, name: str, force: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        expected = case(root, name, force)
        before = snapshot(root)
        read: list[bytes] = []
        reader = threading.Thread(target=read_all, args=(expected.path, read))
        if expected.reader:
            reader.start()
        args = ["brief", "--feature", "6", "-o", expected.path]
        cwd = os.getcwd()
        os.chdir(root)  # so `-` would show up here, were it taken for a file's name
        try:
            code, out, err = sevenf.raw(*args, "--force") if force else sevenf.raw(*args)
        finally:
            os.chdir(cwd)
            if expected.reader:
                reader.join(timeout=10)
        assert code == expected.code, err
        assert out == expected.stdout
        if expected.code == 0:
            assert err == ""
        else:
            assert err.startswith("sevenf: error: ")
            assert err.endswith(f"{expected.reason}\n")
            assert err.count("\n") == 1 and "Traceback" not in err
        assert snapshot(root) == {**before, **expected.changes}
        if expected.reader:
            assert read == [brief()]
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert cli("brief", "--feature", "6", "-o", str(target), "--force").code == 0
    assert target.read_bytes() == brief() and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes device nodes")
def test_a_device_node_stays_a_device(tmp_path: Path, cli: Cli) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this system refuses device nodes")
    code, _, err = cli("brief", "--feature", "6", "-o", str(node), "--force")
    if code == 1 and "Permission denied" in err:
        pytest.skip("device nodes cannot be opened on this file system (nodev)")
    assert (code, err) == (0, "")
    assert stat.S_ISCHR(node.lstat().st_mode) and os.listdir(tmp_path) == ["null"]
