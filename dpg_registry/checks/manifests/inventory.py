"""Every dependency a tree's manifests and lock files name, read once per check for the detectors that ask."""


from dpg_registry.checks.manifests.common import RUNTIME
from dpg_registry.checks.manifests.kinds import Kind, kind_of
from dpg_registry.checks.text import own_files, parse, read_whole
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record

MAX_MANIFESTS = 300
LOCK_LIMIT = 2_000_000  # bytes of a lock file scanned for names; big lock files are read in part


class Dependency(Record, frozen=True):
    ecosystem: str
    name: str
    path: str  # the manifest or lock file that names it
    version: str = ""
    scope: str = RUNTIME
    locked: bool = False  # named by a lock file only: possibly indirect


class Inventory(Record):
    dependencies: list[Dependency]
    manifests: list[FileEntry]
    problems: list[tuple[FileEntry, str]]  # manifests that could not be read, and why
    texts: dict[str, str]  # path → text, to find the line a hit is on
    partial: list[FileEntry]  # lock files read in part


def inventory(tree: Tree, locks: bool = True) -> Inventory:
    """Every dependency the manifests (and, with ``locks``, the lock files) of the tree name.

    Three detectors ask for it; it is read once per check (the callers only read it).
    """
    key = ("inventory", locks)
    if key not in tree.memo:
        whole = tree.memo.get(("inventory", True))
        if not locks and whole is not None and len(whole.manifests) < MAX_MANIFESTS:
            tree.memo[key] = _without_locks(whole)  # every manifest was read already: no need to read them again
        else:
            tree.memo[key] = _inventory(tree, locks)
    return tree.memo[key]


def _without_locks(whole: Inventory) -> Inventory:
    """What ``_inventory(tree, locks=False)`` gives, taken from the inventory with lock files (when that one
    was not cut at MAX_MANIFESTS, it read every manifest the other would read, in the same order)."""
    manifests = [entry for entry in whole.manifests if not kind_of(entry).lock]
    paths = {entry.path for entry in manifests}
    return Inventory([dependency for dependency in whole.dependencies if not dependency.locked], manifests,
                     [(entry, problem) for entry, problem in whole.problems if entry.path in paths],
                     {path: text for path, text in whole.texts.items() if path in paths}, [])


def _inventory(tree: Tree, locks: bool) -> Inventory:
    found = Inventory([], [], [], {}, [])
    for entry in own_files(tree):
        kind = kind_of(entry)
        if kind is None or (kind.lock and not locks):
            continue
        if len(found.manifests) >= MAX_MANIFESTS:
            tree.notes.append(f"only the first {MAX_MANIFESTS} dependency manifests were read")
            break
        found.manifests.append(entry)
        triples, problem, text = _read(tree, entry, kind)
        if problem:
            found.problems.append((entry, problem))
            continue
        found.texts[entry.path] = text
        if kind.lock and entry.size > LOCK_LIMIT:
            found.partial.append(entry)
        found.dependencies += [
            Dependency(kind.ecosystem, name, entry.path, version, scope, kind.lock)
            for name, version, scope in triples if isinstance(name, str) and name.strip()
        ]
    return found


def _read(tree: Tree, entry: FileEntry, kind: Kind) -> tuple[list, str, str]:
    if kind.lock:
        text = tree.read_text(entry, LOCK_LIMIT)
        if text is None:
            return [], "it is binary or could not be read", ""
        return kind.parse(text, entry.path), "", text
    if kind.format == "text":
        text, problem = read_whole(tree, entry)
        return ([], problem, "") if problem else (kind.parse(text, entry.path), "", text)
    parsed = parse(tree, entry, kind.format)
    if not parsed.ok:
        return [], parsed.problem, ""
    if kind.format != "xml" and not isinstance(parsed.data, dict):
        return [], f"it does not hold the {kind.format.upper()} table a {entry.name} should hold", ""
    return kind.parse(parsed.data), "", parsed.text
