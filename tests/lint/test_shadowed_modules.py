"""A project's own top-level module named like a library (`consul.py`, `queue.py` beside the code that imports it)
is what `import consul` gives there: the project's classes and functions answer, not the library's knowledge.
A library reached through a project module of another name keeps that knowledge."""
from __future__ import annotations

from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths, lint_source
from tests.lint.helpers import named_findings, project_findings, write_project

BLOCKING = ("ACK101", "ACK102", "ACK104", "ACK105", "ACK106", "ACK107")


def _named_run(root: Path, files: dict, named: str) -> set:
    """Lint only ``named`` of the project (the way pre-commit and editors do): the others give their facts."""
    write_project(root, files)
    return {(line, code) for _, line, code in named_findings(root, named, BLOCKING)}


TOP_LEVEL = {
    "consul.py": '''
        class Consul:
            def get(self, key):
                return {"key": key}

        def session():
            return Consul()
    ''',
    "app.py": '''
        import consul
        from consul import Consul

        async def handler():
            consul.Consul().get("a")
            Consul().get("b")
            client = consul.session()
            client.get("c")
    ''',
}


def test_top_level_module_named_like_a_library_is_the_projects(tmp_path):
    assert project_findings(tmp_path, TOP_LEVEL, BLOCKING) == set()


def test_named_file_run_reads_the_shadowing_sibling(tmp_path):
    assert _named_run(tmp_path, TOP_LEVEL, "app.py") == set()


def test_a_package_named_like_a_library_is_that_library(tmp_path):
    # linting a library's own source (or a vendored copy): the tables' verdict holds, as for asgiref in
    # test_heldout20_shapes; only a top-level module file shadows
    files = {
        "redis/__init__.py": "from .client import Redis\n",
        "redis/client.py": '''
            class Redis:
                def get(self, key):
                    return key

                def set(self, key, value):
                    return value
        ''',
        "worker.py": '''
            import redis
            from redis.client import Redis

            async def handler():
                redis.Redis().get("k")
                r = Redis()
                r.set("k", 1)
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == {("worker.py", 5, "ACK105"), ("worker.py", 7, "ACK105")}


def test_module_of_a_package_imported_relatively_and_absolutely(tmp_path):
    files = {
        "svc/__init__.py": "",
        "svc/requests.py": '''
            def get(url):
                return url
        ''',
        "svc/handlers.py": '''
            from . import requests as own
            from svc import requests as also_own
            import requests

            async def handler():
                own.get("u")
                also_own.get("u")
                requests.get("u")  # the library: an absolute import inside a package
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == {("svc/handlers.py", 8, "ACK102")}


def test_stdlib_names_shadowed_by_top_level_files(tmp_path):
    files = {
        "queue.py": '''
            class Queue:
                def __init__(self):
                    self.items = []

                def get(self):
                    return self.items.pop()
        ''',
        "subprocess.py": '''
            def run(cmd):
                return list(cmd)
        ''',
        "socket.py": '''
            class Conn:
                def recv(self, size):
                    return b""

            def create_connection(address):
                return Conn()
        ''',
        "app.py": '''
            import queue
            import socket
            import subprocess

            async def handler():
                queue.Queue().get()
                subprocess.run(["ls"])
                socket.create_connection(("db", 5432)).recv(10)
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == set()


def test_a_builtin_module_cannot_be_shadowed(tmp_path):
    # `time` is compiled into the interpreter: a time.py beside the script is never what `import time` gives
    files = {
        "time.py": '''
            def sleep(seconds):
                return seconds
        ''',
        "app.py": '''
            import time

            async def handler():
                time.sleep(1)
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == {("app.py", 4, "ACK101")}


def test_the_library_beside_a_project_module_of_another_name_is_flagged(tmp_path):
    files = {
        "helpers.py": '''
            def get(key):
                return key
        ''',
        "app.py": '''
            import helpers
            import requests

            async def handler():
                helpers.get("k")
                requests.get("u")
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == {("app.py", 6, "ACK102")}


REEXPORTS = {
    "redis_client.py": '''
        import requests
        from redis import Redis
        from requests import Session
        from time import sleep
    ''',
    "app.py": '''
        import redis_client
        from redis_client import Redis, Session, requests, sleep

        async def handler():
            Redis().get("k")
            conn = redis_client.Redis()
            conn.get("k")
            Session().get("u")
            requests.get("u")
            sleep(1)
    ''',
}


def test_a_project_module_that_reexports_the_library_keeps_its_knowledge(tmp_path):
    expected = {("app.py", 5, "ACK105"), ("app.py", 7, "ACK105"), ("app.py", 8, "ACK102"), ("app.py", 9, "ACK102"),
                ("app.py", 10, "ACK101")}
    assert project_findings(tmp_path, REEXPORTS, BLOCKING) == expected


def test_reexports_are_followed_when_only_the_importer_is_named(tmp_path):
    assert _named_run(tmp_path, REEXPORTS, "app.py") == {(5, "ACK105"), (7, "ACK105"), (8, "ACK102"),
                                                           (9, "ACK102"), (10, "ACK101")}


SHADOWING_AND_BLOCKING = {
    "queue.py": '''
        import time

        class Queue:
            def get(self):
                time.sleep(0.1)  # (the library's Queue.get would be ACK106)
                return 1
    ''',
    "consul.py": '''
        import time

        def fetch(key):
            time.sleep(1)
            return key
    ''',
    "app.py": '''
        import consul
        import queue
        from consul import fetch

        async def handler():
            queue.Queue().get()
            consul.fetch("k")
            fetch("k")
    ''',
}


def test_the_projects_shadowing_module_that_blocks_is_reported_through_its_own_code(tmp_path):
    found = project_findings(tmp_path, SHADOWING_AND_BLOCKING, BLOCKING)
    assert found == {("app.py", 6, "ACK101"), ("app.py", 7, "ACK101"), ("app.py", 8, "ACK101")}
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    assert all("\u00a7" not in f.message for f in report.findings)  # the project's names are shown as written


def test_shadowing_module_named_alone_still_speaks_for_itself(tmp_path):
    assert _named_run(tmp_path, SHADOWING_AND_BLOCKING, "app.py") == {(6, "ACK101"), (7, "ACK101"), (8, "ACK101")}


def test_a_lone_file_named_like_the_library_it_imports_uses_the_library(tmp_path):
    # a test file or an example named after what it exercises: nobody imports the file itself
    files = {
        "requests.py": '''
            import requests

            async def handler():
                requests.get("u")
        ''',
    }
    assert project_findings(tmp_path, files, BLOCKING) == {("requests.py", 4, "ACK102")}
    source = "import redis\n\nasync def handler():\n    redis.Redis().get('k')\n"
    report = lint_source(source, "redis.py", Config().override(select=["ALL"]))
    assert {(f.line, f.code) for f in report.findings} == {(4, "ACK105")}
