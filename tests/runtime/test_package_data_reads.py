"""An installed package that reads a file shipped in its own folder on first use (fakeredis loads its
commands.json when the first client connects) reads its install, as an import does: not the program's file I/O.
The same package opening a file outside its folder, or writing into it, is still the program's ACK103."""
import asyncio
import importlib
import os

import asynccheck


def _install(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    package = site / "datalib"
    (package / "data").mkdir(parents=True)
    (package / "sub").mkdir()
    (package / "data" / "table.txt").write_text("a b c")
    (package / "__init__.py").write_text(
        "import os\n"
        "import pathlib\n"
        "HERE = os.path.dirname(__file__)\n"
        "def table():\n"
        "    with open(os.path.join(HERE, 'sub', '..', 'data', 'table.txt')) as fh:\n"
        "        return fh.read().split()\n"
        "def table_by_path():\n"
        "    return (pathlib.Path(HERE) / 'data' / 'table.txt').read_text().split()\n"
        "def load(path):\n"
        "    with open(path) as fh:\n"
        "        return fh.read()\n"
        "def remember(text):\n"
        "    with open(os.path.join(HERE, 'data', 'cache.txt'), 'w') as fh:\n"
        "        fh.write(text)\n")
    monkeypatch.syspath_prepend(str(site))
    return importlib.import_module("datalib")


def _opens(session):
    return [f.line for f in session.findings if f.code == "ACK103" and f.path == __file__]


def _line(text):
    return next(n for n, line in enumerate(open(__file__), 1) if text in line and "_line(" not in line)


def test_a_package_reading_its_own_data_file_is_not_the_programs_io(tmp_path, monkeypatch):
    datalib = _install(tmp_path, monkeypatch)

    async def main():
        return datalib.table() + datalib.table_by_path()

    with asynccheck.watch() as session:
        assert asyncio.run(main()) == ["a", "b", "c"] * 2
    assert _opens(session) == []


def test_the_same_package_reading_the_programs_file_or_writing_its_folder_is(tmp_path, monkeypatch):
    datalib = _install(tmp_path, monkeypatch)
    mine = tmp_path / "orders.txt"
    mine.write_text("1 2")

    async def main():
        datalib.load(str(mine))  # a file of the program's, read through the package
        datalib.load(os.path.join(str(tmp_path), "site-packages", "datalib", "..", "..", "orders.txt"))  # outside
        datalib.remember("x")  # a write into its own folder

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert sorted(_opens(session)) == sorted([_line("# a file of the program's"), _line("# outside"),
                                              _line("# a write into its own folder")])
