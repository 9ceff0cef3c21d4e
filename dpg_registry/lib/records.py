"""Records: classes of named fields, such as the findings, claims and parts of a tree of ``dpg check``.

A record class names its fields as annotations, as a data class does, and is made almost as cheaply as a plain
class. ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``) and writes every method of
every class with ``exec``: for the check's thirty classes that was about 20 ms of processor time in every run,
a third of the check of an empty folder and a tenth of that of a source tree of 2,000 files. Here only
``__init__``, ``__eq__`` and ``__hash__`` are written per class, with one ``exec``; ``repr`` and the
conversion to plain data are shared.

    class Claim(Record):
        path: str
        line: int | None = None
        evidence: list = factory(list)    # a new list for each record

    class Evidence(Record, frozen=True):  # no assignment after __init__; hashable
        path: str = ""

A record compares equal to a record of the same class with equal fields, like a data class; a frozen one is
hashed by its fields, a mutable one not at all.
"""

_NO_VALUE = object()


class factory:  # noqa: N801 (used like dataclasses.field(default_factory=...))
    """A field's default made anew for each record: ``factory(list)``."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, frozen: bool = False, **options):
        super().__init_subclass__(**options)
        own = [name for name in cls.__dict__.get("__annotations__", {}) if name not in cls._fields]
        cls._fields = cls._fields + tuple(own)
        methods = _methods(cls, frozen)
        cls.__init__, cls.__eq__ = methods["__init__"], methods["__eq__"]
        if frozen:
            cls.__setattr__ = cls.__delattr__ = _frozen
            cls.__hash__ = methods["__hash__"]
        else:
            cls.__hash__ = None

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({values})"


def _frozen(self, name, value=None):
    raise AttributeError(f"cannot change {name!r} of a {self.__class__.__name__}: it is frozen")


def _methods(cls, frozen: bool) -> dict:
    """``__init__(self, field, ..., field=default, ...)``, ``__eq__`` and ``__hash__`` for the class's fields,
    written once, as a data class's are (attributes set one by one keep Python's fast access to them)."""
    parameters, body, names = [], [], {"_NO_VALUE": _NO_VALUE, "_set": object.__setattr__}
    for name in cls._fields:
        if name in ("self", "other") or name in names or name.startswith(("_make_", "_default_")):
            raise TypeError(f"{cls.__name__}.{name}: a name the record's methods use themselves")
        default = getattr(cls, name, _NO_VALUE)
        value = name
        if default is _NO_VALUE:
            if any("=" in parameter for parameter in parameters):
                raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
            parameters.append(name)
        elif isinstance(default, factory):
            names[f"_make_{name}"] = default.make
            parameters.append(f"{name}=_NO_VALUE")
            value = f"_make_{name}() if {name} is _NO_VALUE else {name}"
        else:
            names[f"_default_{name}"] = default
            parameters.append(f"{name}=_default_{name}")
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    mine = "".join(f"self.{name}, " for name in cls._fields)
    theirs = "".join(f"other.{name}, " for name in cls._fields)
    source = "\n".join([
        f"def __init__(self, {', '.join(parameters)}):", *body, "    pass",
        "def __eq__(self, other):",
        "    if other.__class__ is not self.__class__:",
        "        return NotImplemented",
        f"    return ({mine}) == ({theirs})",
        "def __hash__(self):",
        f"    return hash(({mine}))",
    ])
    exec(source, names)  # noqa: S102 (the source is made here from the class's own field names)
    for method in ("__init__", "__eq__", "__hash__"):
        names[method].__qualname__ = f"{cls.__qualname__}.{method}"
    return names


def as_plain(value):
    """A record as a dict of its fields, lists, tuples and dicts item by item, all the way down (what
    ``dataclasses.asdict`` gives); other values as they are."""
    if isinstance(value, Record):
        return {name: as_plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, (list, tuple)):
        return type(value)(as_plain(item) for item in value)
    if isinstance(value, dict):
        return type(value)((as_plain(key), as_plain(item)) for key, item in value.items())
    return value
