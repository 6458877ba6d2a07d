"""Token decoding (pure, no I/O)."""
from __future__ import annotations

import jwt

SECRET = "change-me"


def decode_token(header: str):  # expect: clean
    token = header.removeprefix("Bearer ").strip()
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
