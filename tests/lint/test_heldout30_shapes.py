"""Shapes found wrong on a thirtieth held-out set (callback- and protocol-style asyncio, code written before
`asyncio.run`): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def _project(root: Path, files: dict, codes) -> set:
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"))
    report = lint_paths([root], Config(root=root).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in codes}


def test_a_hook_that_a_base_protocols_callback_calls_on_self_runs_on_the_loop():
    # `data_received` splits lines and calls `self.line_received(line)`: the subclass's override runs on the
    # loop's thread, two calls down from the loop, as much as `data_received` itself does
    check_marked('''
        import asyncio
        import subprocess
        import time

        class LineReceiver(asyncio.Protocol):
            def data_received(self, data):
                for line in data.split(b"\\n"):
                    self._dispatch(line)

            def _dispatch(self, line):
                if line:
                    self.line_received(line)

            def line_received(self, line):
                pass

        class Shell(LineReceiver):
            def line_received(self, line):
                out = subprocess.run(line.split(), capture_output=True)  # ACK104
                self.transport.write(out.stdout)

        class Slow(Shell):
            def line_received(self, line):
                time.sleep(0.1)  # ACK101
    ''', BLOCKING)


def test_a_hook_of_a_plain_class_or_a_hook_handed_to_a_thread_stays_quiet():
    # a socketserver-style base that merely names its hook alike runs in the server's thread, not on a loop;
    # an override that hands the work to a thread, and a method no callback calls, block nothing on the loop
    check_marked('''
        import asyncio
        import socketserver
        import subprocess
        import time

        class LineHandler(socketserver.StreamRequestHandler):
            def handle(self):
                for line in self.rfile:
                    self.line_received(line)

            def line_received(self, line):
                pass

        class ThreadedShell(LineHandler):
            def line_received(self, line):
                subprocess.run(line.split())
                time.sleep(0.1)

        class LineReceiver(asyncio.Protocol):
            def data_received(self, data):
                for line in data.split(b"\\n"):
                    self.line_received(line)

            def line_received(self, line):
                pass

        class OffloadedShell(LineReceiver):
            def line_received(self, line):
                asyncio.get_running_loop().run_in_executor(None, subprocess.run, line.split())

            def replay(self, path):
                time.sleep(1)
    ''', BLOCKING)


def test_a_protocol_base_of_another_module_makes_its_subclass_a_protocol(tmp_path):
    # the framing base lives in its own module: the override of its hook, and the subclass's own callbacks, run
    # on the loop just as in one file
    found = _project(tmp_path, {
        "__init__.py": "",
        "framing.py": '''
            import asyncio

            class MessageProtocol(asyncio.BufferedProtocol):
                def get_buffer(self, sizehint):
                    return bytearray(sizehint)

                def buffer_updated(self, nbytes):
                    self.message_received(b"")

                def message_received(self, message):
                    raise NotImplementedError
        ''',
        "server.py": '''
            import time

            from .framing import MessageProtocol

            class Audit(MessageProtocol):
                def message_received(self, message):
                    with open("/var/log/audit", "ab") as fh:
                        fh.write(message)

                def connection_lost(self, exc):
                    time.sleep(0.5)
        ''',
    }, BLOCKING)
    assert {(name, line) for name, line, _ in found} == {("server.py", 7), ("server.py", 8), ("server.py", 11)}


def test_a_class_of_another_module_that_is_no_protocol_gives_its_hook_names_nothing(tmp_path):
    # the same names on a plain class of another module (a parser fed from a thread), and a protocol base whose
    # callbacks never call the method the subclass defines
    found = _project(tmp_path, {
        "__init__.py": "",
        "framing.py": '''
            import asyncio

            class MessageParser:
                def data_received(self, data):
                    self.message_received(data)

                def message_received(self, message):
                    pass

            class Quiet(asyncio.Protocol):
                def data_received(self, data):
                    pass
        ''',
        "server.py": '''
            import time

            from .framing import MessageParser, Quiet

            class Audit(MessageParser):
                def message_received(self, message):
                    with open("/var/log/audit", "ab") as fh:
                        fh.write(message)

                def data_received(self, data):
                    time.sleep(0.5)

            class Replayer(Quiet):
                def message_received(self, message):
                    time.sleep(0.5)
        ''',
    }, BLOCKING)
    assert found == set()
