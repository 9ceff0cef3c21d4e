"""A repository's files, listed and read within fixed limits, whatever the tree holds.

Symbolic links are never followed (so neither loops nor links out of the tree are a danger),
archives are never unpacked, binary files are recognised and skipped, names and contents that are
not UTF-8 are read with replacement characters, and every limit that was reached is noted so that
the report can say what was left unread.
"""

import bisect
import os
import stat
from pathlib import Path

from dpg_registry.lib.records import Record, factory

SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn"})
GITIGNORE_BYTES = 64_000  # what is read of the .gitignore: its first 1 000 lines are all that is used
# A working copy holds more than the repository: environments and caches that tools make beside it.
# They are skipped by name, as are the top-level folders the repository's own .gitignore names plainly.
LOCAL_DIRECTORIES = frozenset({
    ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
})


class Limits(Record, frozen=True):
    max_files: int = 250_000
    max_depth: int = 48
    max_read_bytes: int = 2_000_000  # of one file
    max_total_read_bytes: int = 400_000_000  # of the whole check
    head_bytes: int = 8192  # what is read of a source file to find licence headers


class FileEntry:
    """A file of the tree: its path (relative, with "/" separators, as text), its depth and its size in bytes.

    The walk learns that an entry is a regular file from its folder's listing; its size is asked of the file
    system the first time something needs it (the few files read whole, or weighed): a ``stat`` of every file
    cost as much as listing them. Read-only, and equal to another with the same path, size and depth.
    """

    __slots__ = ("path", "depth", "raw", "name", "lower_name", "directory", "_size", "_root")

    def __init__(self, path: str, size: int | None, depth: int, raw: bytes = b"", root: bytes = b""):
        """``size`` None: looked up under ``root`` (the tree's folder, as bytes) when asked. ``raw``: the name as
        the file system has it."""
        directory, _, name = path.rpartition("/")
        # Each slot set through its own descriptor (__setattr__ refuses): two thirds of what object.__setattr__
        # costs, for the thousands of entries of a tree.
        _set_path(self, path)
        _set_depth(self, depth)
        _set_raw(self, raw)
        _set_name(self, name)
        _set_lower_name(self, name.lower())
        _set_directory(self, directory)
        _set_size(self, size)
        _set_root(self, root)

    @property
    def size(self) -> int:
        if self._size is None:
            try:
                size = os.lstat(self._root + b"/" + (self.raw or os.fsencode(self.path))).st_size
            except OSError:  # gone since the walk: it reads as empty (and reading it finds nothing)
                size = 0
            _set_size(self, size)
        return self._size

    def __setattr__(self, name, value):
        raise AttributeError(f"a FileEntry is read-only: cannot set {name}")

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.path, self.size, self.depth) == (other.path, other.size, other.depth)

    def __hash__(self):
        return hash((self.path, self.depth))

    def __repr__(self):
        return f"FileEntry(path={self.path!r}, size={self.size!r}, depth={self.depth!r})"


_set_path, _set_depth, _set_raw, _set_name, _set_lower_name, _set_directory, _set_size, _set_root = (
    FileEntry.__dict__[slot].__set__ for slot in FileEntry.__slots__)


class Tree(Record):
    root: Path
    files: list[FileEntry]
    limits: Limits = factory(Limits)
    notes: list[str] = factory(list)
    bytes_read: int = 0
    _binary: set = factory(set)
    # What detectors derive from the whole listing (such as the project's own files), computed once per check.
    memo: dict = factory(dict)

    def __post_init__(self):
        self._root_bytes = os.fsencode(self.root)  # every read joins a file's name to it

    @classmethod
    def walk(cls, root: Path, limits: Limits | None = None) -> "Tree":
        limits = limits or Limits()
        tree = cls(root=Path(root), files=[], limits=limits)
        ignored_at_top = _plainly_ignored(Path(root))
        skipped_links = 0
        too_deep = 0
        stack = [(os.fsencode(root), b"", 0)]
        while stack:
            directory, prefix, depth = stack.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
            except OSError as error:
                tree.notes.append(f"could not list {_text(prefix) or '.'}: {error.strerror}")
                continue
            for entry in entries:
                relative = prefix + entry.name if not prefix else prefix + b"/" + entry.name
                try:
                    if entry.is_symlink():
                        skipped_links += 1
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        name = entry.name.decode(errors="replace")
                        if name in SKIPPED_DIRECTORIES or name in LOCAL_DIRECTORIES or name.endswith(".egg-info"):
                            continue
                        if depth == 0 and name in ignored_at_top:
                            continue
                        if depth + 1 >= limits.max_depth:
                            too_deep += 1
                            continue
                        stack.append((entry.path, relative, depth + 1))
                    elif entry.is_file(follow_symlinks=False):
                        if len(tree.files) >= limits.max_files:
                            tree.notes.append(
                                f"stopped listing after {limits.max_files:,} files; the rest of the tree was not read"
                            )
                            stack.clear()
                            break
                        tree.files.append(FileEntry(_text(relative), None, depth, relative, tree._root_bytes))
                except OSError:
                    continue
        if skipped_links:
            tree.notes.append(f"{skipped_links} symbolic link(s) were not followed")
        if too_deep:
            tree.notes.append(f"{too_deep} folder(s) nested deeper than {limits.max_depth} levels were not read")
        tree.files.sort(key=lambda entry: (entry.depth, entry.path))
        return tree

    def top(self, depth: int = 0) -> list[FileEntry]:
        return [entry for entry in self.files if entry.depth <= depth]

    def named(self, *names: str, max_depth: int | None = None) -> list[FileEntry]:
        """Files whose lower-case name is one of ``names`` (or starts with one ending in '.'), in walk order."""
        wanted = {name.lower() for name in names}
        prefixes = tuple(name for name in wanted if name.endswith("."))
        by_name = self._by_lower_name()
        names = [name for name in wanted if name in by_name]
        if prefixes:
            # The names starting with a prefix sit together in the sorted names: no pass over them all.
            ordered, starting = self._sorted_names(), set()
            for prefix in prefixes:
                index = bisect.bisect_left(ordered, prefix)
                while index < len(ordered) and ordered[index].startswith(prefix):
                    starting.add(ordered[index])
                    index += 1
            names += starting - wanted
        found = [entry for name in names for entry in by_name[name] if max_depth is None or entry.depth <= max_depth]
        return sorted(found, key=lambda entry: (entry.depth, entry.path))  # the walk's own order

    def _by_lower_name(self) -> dict[str, list[FileEntry]]:
        # Detectors ask for files by name a dozen times; one pass over a large tree serves them all.
        if "by_lower_name" not in self.memo:
            index = self.memo["by_lower_name"] = {}
            for entry in self.files:
                index.setdefault(entry.lower_name, []).append(entry)
        return self.memo["by_lower_name"]

    def _sorted_names(self) -> list[str]:
        if "sorted_names" not in self.memo:
            self.memo["sorted_names"] = sorted(self._by_lower_name())
        return self.memo["sorted_names"]

    def read_text(self, entry: FileEntry, limit: int | None = None) -> str | None:
        """The file's text (up to ``limit`` bytes), or None for a binary file, a vanished one or a spent budget."""
        if entry.path in self._binary:
            return None
        limit = min(limit or self.limits.max_read_bytes, self.limits.max_read_bytes)
        if self.bytes_read >= self.limits.max_total_read_bytes:
            self._note_once(f"stopped reading after {self.limits.max_total_read_bytes:,} bytes in all")
            return None
        if limit == self.limits.max_read_bytes and entry.size > limit:
            self._note_once(f"files larger than {limit:,} bytes were read only in part, e.g. {entry.path}")
        data = read_regular(self._root_bytes + b"/" + (entry.raw or os.fsencode(entry.path)), limit)
        if data is None:
            return None
        self.bytes_read += len(data)
        if data.find(b"\0", 0, 8192) != -1:  # looked for in place: no copy of the first 8 KB
            self._binary.add(entry.path)
            return None
        return data.decode("utf-8", errors="replace")

    def _note_once(self, note: str) -> None:
        key = note.split(",")[0]
        if not any(existing.startswith(key) for existing in self.notes):
            self.notes.append(note)


def _plainly_ignored(root: Path) -> set[str]:
    """Top-level folders named without wildcards in the repository's .gitignore ("var/", "/build")."""
    data = read_regular(os.path.join(os.fsencode(root), b".gitignore"), GITIGNORE_BYTES)
    if data is None:
        return set()
    lines = data.decode("utf-8", errors="replace").splitlines()[:1000]
    names = set()
    for line in lines:
        line = line.strip()
        if line.endswith("/") and not line.startswith(("#", "!")) and not any(c in line for c in "*?[\\"):
            name = line.strip("/")
            if name and "/" not in name:
                names.add(name)
    return names


def read_regular(path: bytes, limit: int) -> bytes | None:
    """The first ``limit`` bytes of a regular file; None for a link, a FIFO, a device, a folder or no file
    (the file may have changed since the walk saw it)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        chunks, left = [], limit
        while left > 0:
            want = min(left, 1 << 20)
            chunk = os.read(handle, want)
            chunks.append(chunk)
            left -= len(chunk)
            if len(chunk) < want:  # the end of the file
                break
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)  # most reads are one chunk: no copy
    except OSError:
        return None
    finally:
        os.close(handle)


def _text(raw: bytes) -> str:
    """A file name as text: names that are not UTF-8 keep their bytes as \\x escapes."""
    return raw.decode("utf-8", errors="backslashreplace")
