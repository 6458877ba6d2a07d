"""What a blocking file call works on when it is not a file on a disk: a serial port, another device, a named pipe
(FIFO), or a file the kernel makes up as it is read (`/proc`, `/sys`). ACK103's message says what the call waits
for by it (the words are in ``asynccheck.wording``): known only where the path is written in the code (a literal,
a constant, the literal start of an f-string) or the API is a device's (`serial.Serial`). A call on /dev/null,
/dev/zero or /dev/urandom (written so, or `os.devnull`) waits for nothing: its kind is NO_WAIT, and it is not
reported."""
from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from asynccheck.lint import knowledge
from asynccheck.lint.arguments import made_by, value_of
from asynccheck.lint.builder import CallSite
from asynccheck.lint.scope import _literal_prefix, REF, Scope
from asynccheck.wording import AUDIO, CAMERA, DEVICE, FIFO, KERNEL_FILE, SERIAL_PORT

# Device APIs whose calls wait for the device, whatever path or number they were opened with
_DEVICE_TYPES = {"serial.Serial": SERIAL_PORT, "cv2.VideoCapture": CAMERA, "pyaudio.Stream": AUDIO,
                 **{f"sounddevice.{kind}": AUDIO for kind in ("Stream", "RawStream", "InputStream", "RawInputStream",
                                                              "OutputStream", "RawOutputStream")}}

# Calls that open a path they are given first (position, keyword); what they return reads and writes it
_OPENERS = {"builtins.open": (0, "file"), "os.open": (0, "path"), "io.FileIO": (0, "file"),
            "io.open_code": (0, "path"), "pathlib.Path": (0, ""), "serial.Serial": (0, "port")}
# Calls on a descriptor (the first argument) an `os.open(...)` returned
_ON_A_DESCRIPTOR = frozenset({"os.read", "os.write", "os.pread", "os.pwrite", "os.readv", "os.writev", "os.fsync",
                              "os.fdatasync", "os.truncate", "os.sendfile"})

# A serial port by its device name: USB adapters (ttyUSB, ttyACM), on-board UARTs (ttyS, ttyAMA, ttyTHS, ttymxc),
# udev's stable links (/dev/serial/by-id/...), macOS's (/dev/cu.*, /dev/tty.*); and Windows' COM ports
_SERIAL = re.compile(r"/dev/(tty(USB|ACM|S|AMA|THS|mxc|XRUSB|O)\d*$|serial/|cu\.|tty\.)|(\\\\\.\\)?COM\d+$")
_KERNEL = ("/proc/", "/sys/")
_MEMORY_FILES = "/dev/shm/"  # (a file system in memory, with files like any other's)
# Devices the kernel answers at once, whatever is asked: writes to /dev/null vanish, reads of /dev/zero and
# /dev/urandom are made up on the spot (the urandom pool never blocks once seeded at boot). Not /dev/random:
# kernels before 5.6 block its reads until enough entropy is gathered.
_NO_WAIT_DEVICES = frozenset({"/dev/null", "/dev/zero", "/dev/urandom"})
# The kind of a call on one of them: it does no I/O worth a finding (not a key of the wording's tables)
NO_WAIT = "no wait"


def path_kind(site: CallSite, target: str) -> str:
    """The kind of thing ``site``'s call works on, as a key of the wording's tables (SERIAL_PORT, DEVICE, FIFO,
    KERNEL_FILE, CAMERA, AUDIO); "" for a file, or anything not known."""
    for kind, what in _DEVICE_TYPES.items():
        if target.startswith(kind + "."):
            return what
    return _kind_of_call(site.scope, site.node, target, 0)


def stream_kind(scope: Scope, node: cst.BaseExpression) -> str:
    """The kind of thing a stream iterated or drained here reads (`for line in port`, `list(f)`), as
    ``path_kind``."""
    if type(node) is cst.Call:
        made = scope.evaluate(node.func)
        if made is not None and made[0] == REF and made[1] in _OPENERS:
            return _kind_of_call(scope, node, made[1], 0)
        if type(node.func) is cst.Name and len(node.args) == 1 and node.args[0].keyword is None:
            return stream_kind(scope, node.args[0].value)  # `list(f)`, `sorted(f)`: what they drain
        return ""
    return _made_kind(scope, node, 0)


def _kind_of_call(scope: Scope, call: cst.Call, target: str, depth: int) -> str:
    if depth > 3:
        return ""
    if target in _OPENERS:
        return _kind_of_path(scope, _path_arg(call, *_OPENERS[target]))
    if target in _ON_A_DESCRIPTOR and call.args and call.args[0].keyword is None:
        return _made_kind(scope, call.args[0].value, depth)
    if type(call.func) is cst.Attribute and (target.startswith(tuple(t + "." for t in knowledge.FILE_TYPES))
                                              or target.startswith(tuple(t + "." for t in knowledge.PATH_TYPES))):
        return _made_kind(scope, call.func.value, depth)  # `f.read()`, `Path(p).read_text()`: what made `f`
    return ""


def _made_kind(scope: Scope, receiver: cst.BaseExpression, depth: int) -> str:
    """The kind every expression that made ``receiver`` opened or named, when they agree: `f` of
    `f = open(path)`, `temp` of `temp = Path("/sys/class/thermal") / zone / "temp"`."""
    kinds = {_origin_kind(home, origin, depth) for home, origin in _origins(scope, receiver)}
    return kinds.pop() if len(kinds) == 1 else ""


def _origins(scope: Scope, receiver: cst.BaseExpression):
    if type(receiver) is cst.Name:
        home = scope.lookup_scope(receiver.value)
        bindings = home.bindings.get(receiver.value, ()) if home is not None else ()
        if bindings and all(b[0] in ("expr", "enter") and type(b[1]) is cst.BinaryOperation for b in bindings):
            return [(b[2], b[1]) for b in bindings]
    return made_by(scope, receiver) or (((scope, receiver),) if type(receiver) is cst.BinaryOperation else ())


def _origin_kind(scope: Scope, origin: cst.BaseExpression, depth: int) -> str:
    if type(origin) is cst.BinaryOperation:
        return _kind_of_path(scope, origin)
    made = scope.evaluate(origin.func)
    return _kind_of_call(scope, origin, made[1], depth + 1) if made is not None and made[0] == REF else ""


def _path_arg(call: cst.Call, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    for i, arg in enumerate(call.args):
        if arg.star:
            return None
        if (arg.keyword is None and i == position) or (arg.keyword is not None and arg.keyword.value == keyword):
            return arg.value
    return None


def _kind_of_path(scope: Scope, node: Optional[cst.BaseExpression]) -> str:
    text = _path_text(scope, node, 0)
    if text is None:
        return ""
    whole, path = text
    if whole and path in _NO_WAIT_DEVICES:
        return NO_WAIT
    if path.startswith(_KERNEL):
        return KERNEL_FILE
    if _SERIAL.match(path):
        return SERIAL_PORT
    if path.startswith("/dev/") and not path.startswith(_MEMORY_FILES):
        return DEVICE
    if whole and _made_a_fifo(scope, path):
        return FIFO
    return ""


def _path_text(scope: Scope, node: Optional[cst.BaseExpression], depth: int):
    """(whether it is the whole path, the path or its literal start) of a path expression, or None."""
    if node is None or depth > 3:
        return None
    value = value_of(scope, node)
    if value[0] == "const" and isinstance(value[1], str):
        return True, value[1]
    if type(node) is cst.Attribute and scope.evaluate(node) == (REF, "os.devnull"):
        return True, "/dev/null"  # (on Windows `nul`, as harmless)
    prefix = _literal_prefix(node)
    if prefix:
        return False, prefix
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.Divide:  # `Path("/sys/class") / name`
        left = _path_text(scope, node.left, depth + 1)
        return (False, left[1] + "/") if left is not None else None
    if type(node) is cst.Call and node.args and node.args[0].keyword is None and not node.args[0].star:
        made = scope.evaluate(node.func)
        if made is not None and made[0] == REF and made[1] in ("os.path.join", "pathlib.Path", "pathlib.PurePath"):
            first = _path_text(scope, node.args[0].value, depth + 1)
            if first is not None and (len(node.args) > 1 or not first[0]):
                return False, first[1].rstrip("/") + "/"
            return first
    return None


_FIFO_PATHS = "\0fifo paths"  # (the key of the module's memo that holds them)


def _made_a_fifo(scope: Scope, path: str) -> bool:
    """`os.mkfifo(path)` with this very path, somewhere in this module."""
    module = scope.module
    paths = module.memo.get(_FIFO_PATHS)
    if paths is None:
        found = set()
        stack = [module]
        while stack:
            here = stack.pop()
            stack.extend(here.children)
            for site in here.events.get("calls", ()):
                made = here.evaluate(site.node.func)
                if made is not None and made[0] == REF and made[1] == "os.mkfifo":
                    text = _path_text(here, _path_arg(site.node, 0, "path"), 0)
                    if text is not None and text[0]:
                        found.add(text[1])
        paths = module.memo[_FIFO_PATHS] = frozenset(found)
    return path in paths
