"""Running the command line in-process, with standard output and standard error kept apart."""
from click.testing import CliRunner

from asynccheck.cli import cli


def runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into the output unless told not to; 8.2 always keeps them apart
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def lint(*args):
    return runner().invoke(cli, ["lint", "--no-cache", *args], catch_exceptions=False)
