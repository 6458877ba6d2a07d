"""Record classes (fields, defaults, ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``, frozen) for the classes
every ``asynccheck run`` loads: the rule catalogue, the findings, the configuration.

``dataclasses`` writes each method as source text and compiles it when the class is made: ~6M instructions a
class, ~40M of a run's start-up for eight classes, before the checked program starts. These methods are made
from plain closures instead (nothing is compiled); the fields are the class's annotations in order, a default is
the class attribute of the same name, and ``factory(make)`` stands for a default made per instance.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Dict, Tuple, TypeVar

T = TypeVar("T")
_MISSING = object()


class FrozenInstanceError(AttributeError):
    """An attribute of a frozen record was set or deleted."""


class factory:
    """A default made anew for each instance (``factory(list)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def record(cls: Any = None, *, frozen: bool = False) -> Any:
    """``@record`` / ``@record(frozen=True)``: ``cls`` with the methods a dataclass of the same fields has."""
    if cls is None:
        return lambda klass: _build(klass, frozen)
    return _build(cls, frozen)


def fields(obj: Any) -> Tuple[str, ...]:
    """The field names of a record (class or instance), in order."""
    return obj.__record_fields__


def as_dict(obj: Any) -> Dict[str, Any]:
    """The fields of a record and their values (not recursive)."""
    return {name: getattr(obj, name) for name in obj.__record_fields__}


def replace(obj: T, **changes: Any) -> T:
    """A copy of a record with ``changes``, made through its ``__init__`` (``__post_init__`` runs again)."""
    return type(obj)(**{**as_dict(obj), **changes})  # type: ignore[call-arg]


def _build(cls: Any, frozen: bool) -> Any:
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    made = {name: value.make for name, value in defaults.items() if type(value) is factory}
    for name in made:
        delattr(cls, name)  # (a plain default stays a class attribute, as dataclasses leave it)
    known = frozenset(names)
    post_init = getattr(cls, "__post_init__", None)
    title = cls.__qualname__
    key = attrgetter(*names) if len(names) > 1 else (lambda obj: tuple(getattr(obj, n) for n in names))

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{title}.__init__() takes {len(names) + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        values = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(f"{title}.__init__() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{title}.__init__() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) < len(names):
            for name in names:
                if name not in values:
                    if name in made:
                        values[name] = made[name]()
                    elif name in defaults:
                        values[name] = defaults[name]
                    else:
                        raise TypeError(f"{title}.__init__() missing required argument: {name!r}")
        self.__dict__.update(values)  # (past a frozen record's __setattr__)
        if post_init is not None:
            post_init(self)

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return key(self) == key(other)

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    methods: Dict[str, Any] = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__}
    # (as dataclasses do: hashable by its fields when frozen, unhashable when its fields may change)
    methods["__hash__"] = __hash__ if frozen else None
    if frozen:
        methods.update(__setattr__=__setattr__, __delattr__=__delattr__)
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        if name not in cls.__dict__ or name == "__hash__":
            setattr(cls, name, method)
    cls.__record_fields__ = names
    return cls
