"""A foreign thread's finding is only noted on its thread (ACK401/402) and recorded later: every way a program
ends still reports it, with no watchdog running to record it meanwhile (``--select ACK402``), and the program
ends as it does under python."""
import pytest

from tests.runtime.test_programs import PROGRAMS, checked, python

PROGRAM = str(PROGRAMS / "foreign_then_exit.py")


@pytest.mark.parametrize("how", ["return", "exit", "raise", "interrupt", "os_exit", "sigterm"])
def test_a_noted_finding_is_in_the_report_however_the_program_ends(how, tmp_path):
    plain = python(PROGRAM, how)
    proc, data = checked(tmp_path, "--select", "ACK402", PROGRAM, how)
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout)
    assert [(f["code"], f["line"], f["count"]) for f in data["findings"]] == [("ACK402", 16, 100)]
