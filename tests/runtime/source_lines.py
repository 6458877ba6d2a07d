"""The lines of a test file's own findings, and the line of a marker comment in it."""


class SourceLines:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as source:
            self._lines = source.read().splitlines()

    def line(self, text):
        """The first line holding ``text`` (not the line asking for it)."""
        return next(n for n, line in enumerate(self._lines, 1) if text in line and ".line(" not in line)

    def found(self, session, code):
        """The lines of this file a session reported ``code`` at."""
        return sorted(f.line for f in session.findings if f.code == code and f.path == self.path)

    def codes(self, session):
        """Every code a session reported in this file."""
        return [f.code for f in session.findings if f.path == self.path]
