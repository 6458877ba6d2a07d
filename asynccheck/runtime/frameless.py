"""Stand-ins that leave no frame of asynccheck's on the program's stack when their check has nothing to say.

A Python wrapper around ``asyncio.run`` stays on the stack for the whole run: every traceback through it (one a
thread's excepthook prints, one a future hands back from ``.result()``, one the program formats itself in an
except block) and every ``traceback.print_stack()`` inside the coroutine show the wrapper's frame, which python
does not. A traceback entry cannot be taken out by the frame it names, so the stand-ins below decide before the
call instead: the type's ``__call__`` (or the class attribute, for a method) is a descriptor, which Python asks
for the callable first and then calls from C. ``running()`` (asyncio's C ``_get_running_loop``: every check
here is about a call made while a loop runs on the thread) says whether the checking wrapper must run; when it
answers None the original itself is called, as under python."""
from __future__ import annotations

from asyncio import events
from types import MethodType
from typing import Any, Callable, Dict


class _CallSlot:
    """``type(stand_in).__call__``: resolved on every call, before it, with the wrapper's frame not yet made."""

    def __get__(self, stand_in: Any, owner: Any = None) -> Any:
        if stand_in is None:
            return self
        return stand_in._original if stand_in._running() is None else stand_in._checked


class _StandIn:
    """What both stand-ins keep: the original (named, documented and shown as it), the checking wrapper, and the
    test of whether a loop runs on the thread."""

    __slots__ = ()

    def __init__(self, original: Callable[..., Any], checked: Callable[..., Any], running: Callable[[], Any]):
        self._original, self._checked, self._running = original, checked, running

    def __repr__(self) -> str:
        return repr(self._original)


# what a stand-in is called where it is put (patches.py renames one for pickle), kept apart from the original's
_NAMES = ("__module__", "__name__", "__qualname__", "__doc__")


class CheckedFunction(_StandIn):
    """A module function's stand-in (``time.sleep``, ``asyncio.run``): named, documented, pickled and copied as
    the original; ``CheckedFunction(...)`` makes one of a subclass named as the original's type."""

    __slots__ = ("_original", "_checked", "_running", "_names", "asynccheck_code", "__weakref__")
    __call__ = _CallSlot()

    def __new__(cls, original: Callable[..., Any], checked: Callable[..., Any], running: Callable[[], Any]) -> Any:
        return object.__new__(_kind_of(type(original)) if cls is CheckedFunction else cls)

    def __init__(self, original: Callable[..., Any], checked: Callable[..., Any], running: Callable[[], Any]):
        super().__init__(original, checked, running)
        self._names = {}
        self.asynccheck_code = None

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        # isinstance() and the inspect/typing tests built on it (inspect.isfunction(asyncio.run), isbuiltin(time.sleep),
        # getfile, get_type_hints) answer as for the original; type(), which C and pickle use, is ours (named as the
        # original's, `type(time.sleep).__name__`, but not the same object)
        return type(self._original)

    def __getattr__(self, name: str) -> Any:
        # what else a program (or asynccheck, e.g. a __code__ to recognise) reads is the original's
        if name.startswith("_original"):
            raise AttributeError(name)
        names = self._names
        return names[name] if name in names else getattr(self._original, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _NAMES:
            self._names[name] = value
        elif name in CheckedFunction.__slots__:
            object.__setattr__(self, name, value)
        else:  # `asyncio.run.cache = ...` is the function's own attribute; a builtin takes none, as under python
            setattr(self._original, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._original, name)

    def __reduce__(self) -> str:
        return self.__qualname__  # a global, found again by name (as the original is)


def _names_or_original(name: str) -> property:
    def read(stand_in: Any) -> Any:
        names = stand_in._names
        return names[name] if name in names else getattr(stand_in._original, name, None)
    return property(read, lambda stand_in, value: stand_in._names.__setitem__(name, value))


class _FunctionMixin:
    """What a stand-in of a Python function has that one of a builtin has not (``inspect.ismethoddescriptor``
    reads the type's ``__get__``): binding, and an attribute dictionary (the function's own)."""

    __slots__ = ()

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        # put on a class, it binds as the function it stands for does (Event.wait)
        return self if instance is None else MethodType(self, instance)

    __dict__ = property(lambda self: self._original.__dict__)  # type: ignore[assignment]


class _KindName(type):
    """The type of a stand-in's type: ``type(time.sleep).__module__`` is ``builtins``, as the original's type's."""

    __module__ = property(lambda cls: cls._kind.__module__)  # type: ignore[assignment]


_KINDS: Dict[type, type] = {}  # (a function's stand-ins)
_DESCRIPTOR_KINDS: Dict[type, type] = {}


def _named_as(kind: type, made: Dict[type, type], bases: tuple, module: property, doc: property) -> type:
    """The subclass of ``bases`` named as ``kind`` (its name, qualified name, and module through _KindName), made
    once per ``kind`` and kept in ``made``; ``module`` and ``doc`` are what its objects show as theirs."""
    named = made.get(kind)
    if named is None:
        named = made[kind] = _KindName(kind.__name__, bases, {
            "__slots__": (), "_kind": kind, "__qualname__": kind.__qualname__, "__module__": module, "__doc__": doc})
    return named


def _kind_of(kind: type) -> type:
    """The subclass of CheckedFunction whose stand-ins stand for originals of type ``kind``, named as ``kind``."""
    bases = (_FunctionMixin, CheckedFunction) if hasattr(kind, "__get__") else (CheckedFunction,)
    return _named_as(kind, _KINDS, bases, _names_or_original("__module__"), _names_or_original("__doc__"))


def original_of(function: Any) -> Any:
    """The function a stand-in stands for (itself for anything else): what asynccheck calls for its own waits."""
    return function._original if isinstance(function, CheckedFunction) else function


class CheckedMethod(_StandIn):
    """A method's stand-in on its class (``Runner.run``, ``loop.run_until_complete``): looked up on an object, it
    hands out a ``CheckedBound``, which decides when it is called, on the thread that calls it: a bound method
    fetched on one thread, or while no loop ran, and called on another, or inside a loop (``run =
    loop.run_until_complete`` handed to a thread, or kept at module level), gets the check of the thread and
    moment of the call."""

    def __init__(self, original: Callable[..., Any], checked: Callable[..., Any], running: Callable[[], Any]):
        super().__init__(original, checked, running)
        for name in _NAMES:  # (read off the class's dictionary only: the class itself hands out the original)
            try:
                setattr(self, name, getattr(original, name))
            except AttributeError:
                pass
        self.__wrapped__ = original

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self._original
        return CheckedBound(MethodType(self._original, instance), MethodType(self._checked, instance), self._running)


class _SeenAsOriginal:
    """What a stand-in read off a class or an object shows of itself: the original's attributes, repr, equality,
    hash and pickle (``__doc__`` and ``__module__`` are each class's own: Python gives every class both)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_original"):
            raise AttributeError(name)
        return getattr(self._original, name)

    def __repr__(self) -> str:
        return repr(self._original)

    def __eq__(self, other: Any) -> bool:
        return self._original == (other._original if type(other) is type(self) else other)

    def __hash__(self) -> int:
        return hash(self._original)

    def __reduce__(self) -> Any:
        return self._original.__reduce__()


class CheckedBound(_SeenAsOriginal):
    # A ``CheckedMethod`` bound to its object: called, it is the original bound method, or the checking wrapper's
    # when a loop runs on the calling thread (``_CallSlot``); read, it is the original bound method (its
    # ``__self__``, ``__func__``, name, module, doc, repr, equality and hash; ``isinstance(.., MethodType)``).
    # (No docstring: ``__doc__`` is the original's.)

    __slots__ = ("_original", "_checked", "_running", "__weakref__")
    __call__ = _CallSlot()

    def __init__(self, original: Any, checked: Any, running: Callable[[], Any]):
        self._original, self._checked, self._running = original, checked, running

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return MethodType

    __doc__ = property(lambda self: self._original.__doc__)  # type: ignore[assignment]


# read off the object, the module is the original method's (the class's own stays for repr and pickle)
CheckedBound.__module__ = property(lambda self: self._original.__module__)  # type: ignore[assignment]


class CheckedMethodDescriptor(_SeenAsOriginal):
    """A C method's stand-in on a Python class that inherits it (``socket.socket.recv``, from ``_socket.socket``):
    read off the class, it is the method descriptor (its type's name, ``__qualname__``, ``__objclass__``, doc,
    pickled as python pickles it); read off an object, a ``CheckedBuiltin`` bound to it. ``checked(obj, *args)``
    checks a call made while a loop runs on the thread."""

    __slots__ = ("_original", "_checked", "asynccheck_code", "__weakref__")

    def __init__(self, original: Any, checked: Callable[..., Any], code: str):
        self._original, self._checked, self.asynccheck_code = original, checked, code

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._original)

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        bound = _new(CheckedBuiltin)
        bound._original, bound._checked, bound._instance = self._original.__get__(instance, owner), self._checked, \
            instance
        return bound

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # `socket.socket.recv(sock, 10)`
        return self._checked(*args, **kwargs)

    # pickle finds the C method again (python's bytes), equal to this one; copies are this one, as python's
    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        return self

    __doc__ = property(lambda self: self._original.__doc__)  # type: ignore[assignment]


class _BoundCallSlot:
    """``type(bound).__call__`` of a ``CheckedBuiltin``: the C method itself unless a loop runs on the thread and
    the object is a blocking socket (a timeout other than 0.0: the loop's own sockets, and any non-blocking one,
    leave here)."""

    def __get__(self, bound: Any, owner: Any = None) -> Any:
        if bound is None:
            return self
        if _get_running_loop() is None or bound._instance.timeout == 0.0:
            return bound._original
        return MethodType(bound._checked, bound._instance)


class CheckedBuiltin(_SeenAsOriginal, metaclass=_KindName):
    # A ``CheckedMethodDescriptor`` bound to its object: read, the C method bound to it (type, ``__self__``, name,
    # ``__qualname__``, repr, equality, hash, pickle); called, see ``_BoundCallSlot``. (No docstring: ``__doc__``
    # is the original's.)

    __slots__ = ("_original", "_checked", "_instance", "__weakref__")
    __call__ = _BoundCallSlot()
    _kind = type(len)
    # read off the object, the module is the C method's (none: an AttributeError, as python's); off the type,
    # builtins (the metaclass's)
    __module__ = property(lambda self: self._original.__module__)  # type: ignore[assignment]

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._original)

    __doc__ = property(lambda self: self._original.__doc__)  # type: ignore[assignment]


# named as the C method bound to its object is (`type(sock.recv).__name__`), its module shown as builtins
CheckedBuiltin.__name__ = CheckedBuiltin.__qualname__ = "builtin_function_or_method"
_new = object.__new__
_get_running_loop = events._get_running_loop


def checked_method_descriptor(original: Any, checked: Callable[..., Any], code: str) -> CheckedMethodDescriptor:
    """A ``CheckedMethodDescriptor`` of a subclass named as the original's type (``method_descriptor``)."""
    kind = _named_as(type(original), _DESCRIPTOR_KINDS, (CheckedMethodDescriptor,),
                     property(lambda self: self._original.__module__), property(lambda self: self._original.__doc__))
    return kind(original, checked, code)
