"""Records: classes of named fields, such as the findings, claims and parts of a tree of ``dpg check``.

A record class names its fields as annotations, as a data class does, and is made almost as cheaply as a plain
class. ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``) and writes every method of
every class with ``exec``: for the check's thirty classes that was about 20 ms of processor time in every run,
a third of the check of an empty folder and a tenth of that of a source tree of 2,000 files. Here only
``__init__``, ``__eq__`` and ``__hash__`` are written per class, and only when first called: ``__init__`` with
one ``exec`` when the first record of the class is made, ``__eq__`` and ``__hash__`` with another when one of
them is first called (most classes of a check are never compared or hashed, and some never made).
``repr`` and the conversion to plain data are shared.

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
        parameters = _parameters(cls)  # a class that cannot be made is refused now, not at its first record
        cls.__init__ = _written_when_called(cls, "__init__", lambda: _init(cls, parameters, frozen))
        cls.__eq__ = _written_when_called(cls, "__eq__", lambda: _comparison(cls))
        if frozen:
            cls.__setattr__ = cls.__delattr__ = _frozen
            cls.__hash__ = _written_when_called(cls, "__hash__", lambda: _comparison(cls))
        else:
            cls.__hash__ = None

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({values})"


def _frozen(self, name, value=None):
    raise AttributeError(f"cannot change {name!r} of a {self.__class__.__name__}: it is frozen")


def _written_when_called(cls, method: str, write):
    """A stand-in for ``method`` of ``cls``: its first call writes the methods ``write`` gives, puts them on the
    class in its place, and calls the one written."""

    def first_call(self, *args, **kwargs):
        for name, function in write().items():
            function.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, function)
        return getattr(cls, method)(self, *args, **kwargs)

    first_call.__qualname__ = f"{cls.__qualname__}.{method}"
    return first_call


def _parameters(cls) -> list[tuple[str, str, object]]:
    """Each field's name, the kind of its default ("" none, "factory" or "value") and the default, checked as a
    data class's are."""
    parameters = []
    for name in cls._fields:
        if name in ("self", "other", "_NO_VALUE", "_set", "_fields") or name.startswith(("_make_", "_default_")):
            raise TypeError(f"{cls.__name__}.{name}: a name the record's methods use themselves")
        default = getattr(cls, name, _NO_VALUE)
        if default is _NO_VALUE:
            if any(kind for _, kind, _ in parameters):
                raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
            parameters.append((name, "", None))
        else:
            parameters.append((name, "factory" if isinstance(default, factory) else "value", default))
    return parameters


def _init(cls, parameters: list[tuple[str, str, object]], frozen: bool) -> dict:
    """``__init__(self, field, ..., field=default, ...)``, written once, as a data class's is (attributes set one
    by one keep Python's fast access to them). A frozen record's fields go straight into its ``__dict__`` (what
    ``object.__setattr__`` does for them, in less than half the time), unless the class has no ``__dict__`` or a field
    is also a descriptor that sets it."""
    signature, body, names = [], [], {"_NO_VALUE": _NO_VALUE, "_set": object.__setattr__}
    in_dict = frozen and cls.__dictoffset__ != 0 and not any(
        hasattr(type(getattr(cls, name, None)), "__set__") for name, _, _ in parameters)
    if in_dict:
        body.append("    _fields = self.__dict__")
    for name, kind, default in parameters:
        value = name
        if not kind:
            signature.append(name)
        elif kind == "factory":
            names[f"_make_{name}"] = default.make
            signature.append(f"{name}=_NO_VALUE")
            value = f"_make_{name}() if {name} is _NO_VALUE else {name}"
        else:
            names[f"_default_{name}"] = default
            signature.append(f"{name}=_default_{name}")
        if in_dict:
            body.append(f"    _fields[{name!r}] = {value}")
        else:
            body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = "\n".join([f"def __init__(self, {', '.join(signature)}):", *body, "    pass"])
    exec(source, names)  # noqa: S102 (the source is made here from the class's own field names)
    return {"__init__": names["__init__"]}


def _comparison(cls) -> dict:
    """``__eq__`` and ``__hash__`` over the class's fields, as a data class's; ``__hash__`` is put on the class
    only when it is frozen."""
    mine = "".join(f"self.{name}, " for name in cls._fields)
    theirs = "".join(f"other.{name}, " for name in cls._fields)
    source = "\n".join([
        "def __eq__(self, other):",
        "    if other.__class__ is not self.__class__:",
        "        return NotImplemented",
        f"    return ({mine}) == ({theirs})",
        "def __hash__(self):",
        f"    return hash(({mine}))",
    ])
    names = {}
    exec(source, names)  # noqa: S102 (the source is made here from the class's own field names)
    written = {"__eq__": names["__eq__"]}
    if cls.__hash__ is not None:
        written["__hash__"] = names["__hash__"]
    return written


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
