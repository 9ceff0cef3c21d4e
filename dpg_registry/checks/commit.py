"""The commit a checkout is at, read from the tree's own .git without running git, whatever the tree holds.

git is never called (a repository's config could run code), and its metadata is read like every other
file of the check, within fixed bounds: only small regular files inside the tree's own ``.git`` folder,
never through a symbolic link, never a FIFO or a device, never along a path that leaves ``.git``. A
commit id is taken only when it is one: 40 hexadecimal digits (SHA-1) or 64 (SHA-256).
"""

import os
import stat
from pathlib import Path

from dpg_registry.checks.patterns import lazy

GIT_FILE_BYTES = 4096  # HEAD, a loose ref and packed-refs alike: a shallow clone's are far smaller
MAX_REF_LENGTH = 1024
COMMIT_ID = lazy(r"(?:[0-9a-f]{40}|[0-9a-f]{64})")
_OPEN_FOLDER = os.O_RDONLY | os.O_NOFOLLOW | os.O_DIRECTORY
_OPEN_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY


class Unknown(Exception):
    """Why the commit could not be read; the report says it."""


def read_commit(root: Path) -> tuple[str | None, str | None]:
    """(the commit id, None); (None, why it is unknown); (None, None) when the tree is not a git checkout."""
    git_path = os.path.join(os.fsencode(root), b".git")
    if not os.path.lexists(git_path):
        return None, None
    try:
        git = os.open(git_path, _OPEN_FOLDER)
    except OSError:
        return None, ("the commit is unknown: .git is not a folder (a link, or a file pointing to a repository "
                      "elsewhere), and only the tree's own .git folder is read")
    try:
        return _resolve(git), None
    except Unknown as reason:
        return None, f"the commit is unknown: {reason}"
    finally:
        os.close(git)


def _resolve(git: int) -> str:
    head = _small_file(git, "HEAD").strip()
    where = ".git/HEAD"
    if head.startswith("ref:"):
        ref = head[4:].strip()
        if not _is_ref(ref):
            raise Unknown(".git/HEAD names a ref that is not a path inside .git/refs")
        loose = _small_file(git, ref, missing_ok=True)
        if loose is not None:
            head, where = loose.strip(), f".git/{ref}"
        else:
            head, where = _packed(git, ref), ".git/packed-refs"
    if not COMMIT_ID.fullmatch(head):
        raise Unknown(f"{where} does not hold a commit id of 40 or 64 hexadecimal digits")
    return head


def _is_ref(ref: str) -> bool:
    parts = ref.split("/")
    return (len(ref) <= MAX_REF_LENGTH and parts[0] == "refs" and len(parts) > 1
            and all(part and not part.startswith(".") for part in parts)
            and not any(ord(character) < 32 or character in "\\:" for character in ref))


def _packed(git: int, ref: str) -> str:
    text = _small_file(git, "packed-refs", missing_ok=True)
    if text is None:
        raise Unknown(f".git/HEAD names {ref}, which is neither in .git/refs nor in .git/packed-refs")
    for line in text.splitlines():
        commit, _, name = line.partition(" ")
        if name.strip() == ref and not line.startswith(("#", "^")):
            return commit
    raise Unknown(f".git/HEAD names {ref}, which is neither in .git/refs nor in .git/packed-refs")


def _small_file(git: int, relative: str, *, missing_ok: bool = False) -> str | None:
    """A regular file of at most GIT_FILE_BYTES inside .git, reached without following any link."""
    shown = f".git/{relative}"
    parts = relative.split("/")
    opened = []
    folder = git
    try:
        for index, part in enumerate(parts):
            try:
                info = os.stat(part, dir_fd=folder, follow_symlinks=False)
            except FileNotFoundError:
                if missing_ok:
                    return None
                raise Unknown(f"{shown} is missing") from None
            if stat.S_ISLNK(info.st_mode):
                raise Unknown(f"{'/'.join(['.git', *parts[:index + 1]])} is a symbolic link, which is not followed")
            if index < len(parts) - 1:
                if not stat.S_ISDIR(info.st_mode):
                    raise Unknown(f"{shown} is not inside a folder of .git")
                folder = os.open(part, _OPEN_FOLDER, dir_fd=folder)
                opened.append(folder)
            elif not stat.S_ISREG(info.st_mode):
                raise Unknown(f"{shown} is not a regular file (a FIFO, a device or a folder), so it is not read")
        return _read_bounded(folder, parts[-1], shown)
    except OSError as error:
        raise Unknown(f"{shown} could not be read: {error.strerror}") from None
    finally:
        for descriptor in opened:
            os.close(descriptor)


def _read_bounded(folder: int, name: str, shown: str) -> str:
    handle = os.open(name, _OPEN_FILE, dir_fd=folder)
    try:
        info = os.fstat(handle)  # the file could have been swapped since it was looked at
        if not stat.S_ISREG(info.st_mode):
            raise Unknown(f"{shown} is not a regular file (a FIFO, a device or a folder), so it is not read")
        if info.st_size > GIT_FILE_BYTES:
            raise Unknown(f"{shown} is larger than {GIT_FILE_BYTES:,} bytes, so it is not read")
        data = os.read(handle, GIT_FILE_BYTES + 1)
    finally:
        os.close(handle)
    if len(data) > GIT_FILE_BYTES:
        raise Unknown(f"{shown} is larger than {GIT_FILE_BYTES:,} bytes, so it is not read")
    return data.decode("utf-8", errors="replace")
