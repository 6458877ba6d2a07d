"""A project index that reads other modules only when a named file's facts ask about them.

When files are named one by one (pre-commit, editors, flake8), their cross-module findings depend on a few
modules of the project, not on all of them: the modules holding what their candidates call, the `__init__`
modules that re-export those names, base classes, the helpers those helpers call. Checking every file of a large
tree to find these out cost a whole cold run (tens of seconds, a gigabyte) per named file.

Every fact of the index is keyed by a qualified name that starts with the name of the module it comes from
(``pkg.mod.func``, ``pkg.mod.Class.method``, ``pkg.name`` for a re-export in pkg/__init__.py), so the modules
that can hold a fact about ``a.b.c`` are ``a``, ``a.b`` and ``a.b.c``: any lookup of a key first checks every one
of those the project has. The facts of a key are then the ones a whole-tree index would give, and the findings
of a named file are the same as when the whole tree is linted.

Four kinds of fact come from the modules that use a name rather than the one that defines it: what other modules
hand a class's constructor (facts.GIVEN, `Repo(session=requests.Session())`), which queues they put into
(facts.PUTS_INTO, `hub.events.put(x)`) or wait on for room (facts.SIZE_WAITED, `while lane.inbox.qsize() > 50`),
and which of a class's methods they call before a loop starts (facts.BEFORE_LOOP, `config.load()` then
`asyncio.run(...)`: a memo filled then). For those, the modules that import the class's module (or a package
that re-exports it; for a queue: a named module) and mention the name are read (importers.py): only they can use
it. A queue put into or waited on for room by a bare name (its owner's class unknown to the user: a queue handed
in as a parameter) may be any queue of that name, in modules that need not import its maker: any module whose
text puts into or waits on that name is read.

ACK602's questions (facts.RELIED: does any module await this coroutine function? facts.USED: does any use it but by
awaiting it?) are keyed by the function, and any module may hold the answer; but only a module whose text mentions
the function's name can await or use it, so those are read, and then, for a caller that ends with it and hands on
its own awaiters' reliance, the modules mentioning that caller, until the answer's every term is whole.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from asynccheck.lint import reliance
from asynccheck.lint.facts import BEFORE_LOOP, GIVEN, PUTS_INTO, SIZE_WAITED
from asynccheck.lint.project import ProjectIndex
from asynccheck.lint.results import FileResult

# (rank of the file in the whole run's order, its check result); whole-tree indexes merge in that order
Loaded = Tuple[int, FileResult]
# the ranks of the files that import one of some modules and whose text holds some bytes (importers.Importers.of)
Users = Callable[..., List[int]]
_GIVEN_MARK = GIVEN.partition("{")[0]  # `pkg.repo.Repo(given session)`
_PUTS_MARK = PUTS_INTO.partition("{")[0]  # `(puts into events)`
_WAITED_MARK = SIZE_WAITED.partition("{")[0]  # `(size waited inbox)`


class _Facts(dict):
    """A dict of the index that first loads the modules a key can come from."""

    __slots__ = ("need",)

    def __init__(self, need: Callable[[str], None]):
        super().__init__()
        self.need = need

    def get(self, key, default=None):
        self.need(key)
        return dict.get(self, key, default)

    def __contains__(self, key) -> bool:
        self.need(key)
        return dict.__contains__(self, key)

    def __getitem__(self, key):
        self.need(key)
        return dict.__getitem__(self, key)

    # Whatever looks at the facts other than key by key needs all of them: the whole project is read then.
    def __iter__(self):
        self.need(None)
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.need(None)
        return dict.__len__(self)

    def keys(self):
        self.need(None)
        return dict.keys(self)

    def values(self):
        self.need(None)
        return dict.values(self)

    def items(self):
        self.need(None)
        return dict.items(self)


class OnDemandIndex(ProjectIndex):
    """``ProjectIndex`` over the results given, plus any module of ``modules`` that a lookup may need.

    ``modules`` maps a module name to its files' ranks; ``load(rank)`` checks that file (from the cache when it
    can) and returns its result.
    """

    def __init__(self, given: Sequence[Loaded], modules: Dict[str, List[int]], load: Callable[[int], FileResult],
                 users: Optional[Users] = None, named: Sequence[str] = ()):
        super().__init__([])
        self._users = users
        self._named_modules = tuple(named)  # the named files' modules: whose queues a put into a bare name may fill
        # The users of a name are read for the named files' questions only: the modules read for their facts
        # answer their own questions without them (each would pull in its importers, and theirs, until most of
        # a large project is checked for one file). run.Run's load turns this off while it answers those.
        self.users_wanted = True
        self._users_asked: Set[str] = set()
        self._modules = modules
        self._load = load
        self._done: Set[str] = set()  # module names whose files are in
        self._ranks: Set[int] = {rank for rank, _ in given}
        self._asked: Set[str] = set()  # keys already looked up: their facts are final
        self._mentioned: Set[str] = set()  # names whose mentioning modules are in (read_mentioning)
        self._loaded: List[Loaded] = []
        self._fields = [name for name, value in vars(self).items()
                        if isinstance(value, dict) and not name.startswith("_")]
        for name in self._fields:
            setattr(self, name, _Facts(self._need))
        if given:
            self._merge(list(given))

    @property
    def loaded(self) -> int:
        return len(self._loaded)

    def read_all(self) -> None:
        self._need(None)

    def read_mentioning(self, name: str) -> None:
        """The modules whose text mentions ``name``'s last part: only they can await or use the function, whatever
        they import it as (facts.RELIED and facts.USED are keyed by the function, not by its module)."""
        if self._users is None:
            return self.read_all()
        if name in self._mentioned:
            return
        self._mentioned.add(name)
        batch: List[Loaded] = []
        for rank in self._users(None, _mention(name)):
            if rank not in self._ranks:
                self._ranks.add(rank)
                batch.append((rank, self._load(rank)))
        if batch:
            self._merge(batch)

    def read_reliance_of(self, name: str) -> None:
        """The modules that mention ``name`` or a name its reliance turns on, and so on (reliance.settled reads
        those terms): every reliance the answer depends on is then whole, as in a whole-tree index."""
        todo, seen = [name], set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            self.read_mentioning(name)
            terms = dict.get(self.relied_names, name, reliance.NO)
            if terms is not True:
                for kind, what in terms:
                    todo.extend([what] if kind == reliance.RELIED_TERM else what)

    def _need(self, key: Optional[str]) -> None:
        """Load the modules that can hold facts about ``key``; None: every module of the project."""
        batch: List[Loaded] = []
        if self.users_wanted and self._users is not None and key is not None and key not in self._users_asked:
            self._users_asked.add(key)
            used = _used_by(key, self._modules, self._named_modules)
            for rank in self._users(*used) if used is not None else ():
                if rank not in self._ranks:
                    self._ranks.add(rank)
                    batch.append((rank, self._load(rank)))
        if key in self._asked:
            if batch:
                self._merge(batch)
            return
        self._asked.add(key)
        if key is None:
            wanted: List[str] = list(self._modules)
        else:
            parts = key.split(".")
            wanted = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        for module in wanted:
            if module in self._done:
                continue
            self._done.add(module)
            for rank in self._modules.get(module, ()):
                if rank not in self._ranks:
                    self._ranks.add(rank)
                    batch.append((rank, self._load(rank)))
        if batch:
            self._merge(batch)

    def _merge(self, batch: List[Loaded]) -> None:
        """Add ``batch`` as a whole-tree index would have: later files (in run order) win on a shared key."""
        batch.sort(key=lambda item: item[0])
        in_order = not self._loaded or batch[0][0] > self._loaded[-1][0]
        self._loaded.extend(batch)
        if in_order:
            merged = ProjectIndex([r for _, r in batch])
        else:  # rare (two files providing one key): rebuild everything in run order
            self._loaded.sort(key=lambda item: item[0])
            merged = ProjectIndex([r for _, r in self._loaded])
            for name in self._fields:
                dict.clear(getattr(self, name))
        for name in self._fields:
            if name == "relied_names":  # (two modules' reliances on one name are alternatives: neither wins)
                reliance.merge(self.relied_names, merged.relied_names)
            else:
                dict.update(getattr(self, name), getattr(merged, name))
        # worked out before these modules came in
        self._facts, self._useful, self._kinds, self._blocking = {}, {}, {}, {}
        self._relied = None


def _mention(name: str) -> bytes:
    """What a module's text holds where it uses the function ``name`` (`pkg.mod.Client.run`, `awaited by name:run`,
    `_wait`): its last part, in `await client.run()` as in `from pkg.mod import run as go`."""
    return name.rpartition(":")[2].rpartition(".")[2].encode()


def _used_by(key: str, modules: Dict[str, List[int]], named: Sequence[str]) -> Optional[tuple]:
    """For a fact of ``key`` that comes from the users of a name: the modules a user imports (one of them; None:
    any module), and what its text must mention (one of them). None for the other facts."""
    # (a queue's name may be qualified by its owner's class, `pkg.lane.Lane.inbox`: the text says `inbox`)
    if key.startswith(_PUTS_MARK):  # (a bare name: any module's `x.events.put()` may fill it, as in a whole run)
        name = key[len(_PUTS_MARK):-1]
        return (list(named) if "." in name else None), (name.rpartition(".")[2] + ".put").encode()
    if key.startswith(_WAITED_MARK):  # (`x.inbox.qsize()`, `x.inbox.full()` in any module: the queue is handed on)
        name = key[len(_WAITED_MARK):-1].rpartition(".")[2]
        return None, (name + ".qsize").encode(), (name + ".full").encode()
    if key.endswith(BEFORE_LOOP):
        qualname = key[:-len(BEFORE_LOOP)]
    elif key.endswith(")") and _GIVEN_MARK in key:
        qualname = key.partition(_GIVEN_MARK)[0]
    else:
        return None
    parts = qualname.split(".")
    home = next((i for i in range(len(parts) - 1, 0, -1) if ".".join(parts[:i]) in modules), None)
    if home is None:
        return None
    name = parts[home]  # the top-level class (or function) of its module that the fact is about
    module = ".".join(parts[:home])
    # `import pkg.repo`, `from pkg.repo import Repo`, `from pkg import repo`, or a package's re-export of it
    wanted = [module, *(".".join(parts[:i]) + "." + name for i in range(1, home + 1))]
    return wanted, name.encode()
