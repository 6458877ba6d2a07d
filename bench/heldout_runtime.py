"""Found / line right / clean flagged / output kept: held-out programs under `python` and `asynccheck run`.

    python bench/heldout_runtime.py [--set DIR] [--configs 3.11-asyncio,3.11-uvloop,3.13-asyncio,3.13-uvloop]
                                    [--only NAME,...] [-j N] [--out DIR]

Each program of the set (default bench/heldout/runtime/rheld33) runs under the repo's venvs (`.venv` for 3.11,
`.venv-3.13` for 3.13, each with asynccheck installed editable), once plainly and once under `asynccheck run
--format json`, on asyncio and on uvloop (tests/runtime/uvloop_runner.py); stdin is fed once a thread of the
program reads descriptor 0. A program's planted problems are its `# PLANT ACKnnn` comments (the line to report);
a program without one is a clean look-alike. Prints the score per configuration and writes every run's result
to --out (a temporary folder by default). Not a test: programs that race the machine's load move by one or two.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGS = HERE / "heldout" / "runtime" / "rheld33"
STDIN = b"alpha\nbeta\ngamma\n"


def labels():
    out = {}
    for path in sorted(PROGS.glob("*.py")):
        if path.name.startswith("_"):
            continue
        marks = []
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.search(r"# PLANT (ACK\d+)", line)
            if m:
                marks.append((m.group(1), n))
        out[path.name] = marks
    return out


def run(cmd, cwd):
    """Run with stdin written 0.4 s late (a pipe that a read has to wait for)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONWARNINGS", None)
    r, w = os.pipe()
    p = subprocess.Popen(cmd, cwd=cwd, stdin=r, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(r)

    def reading_stdin():
        try:
            for tid in os.listdir(f"/proc/{p.pid}/task"):
                with open(f"/proc/{p.pid}/task/{tid}/syscall") as f:
                    fields = f.read().split()
                if len(fields) > 1 and fields[0] in ("0", "17", "19") and int(fields[1], 16) == 0:
                    return True
        except (OSError, ValueError):
            pass
        return False

    def feed():
        # the data comes once the program waits for it (a thread of its in read(0)), and 0.3 s later: a read on
        # the loop's thread then waits whatever the machine's load made of the start-up; else after 6 s
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline and p.poll() is None and not reading_stdin():
            time.sleep(0.02)
        time.sleep(0.3)
        try:
            os.write(w, STDIN)
        except OSError:
            pass
        os.close(w)

    threading.Thread(target=feed, daemon=True).start()
    try:
        out, err = p.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return "TIMEOUT", out, err
    return p.returncode, out, err


def one(tree, pyname, loop, prog):
    venv = {"3.11": ".venv", "3.13": ".venv-3.13"}[pyname]
    py = f"{tree}/{venv}/bin/python"
    ac = f"{tree}/{venv}/bin/asynccheck"
    runner = [f"{tree}/tests/runtime/uvloop_runner.py"] if loop == "uvloop" else []
    target = str(PROGS / prog)
    rc0, out0, err0 = run([py, *runner, target], PROGS)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as t:
        report = t.name
    rc1, out1, err1 = run([ac, "run", "--format", "json", "-o", report, *runner, target], PROGS)
    try:
        findings = json.load(open(report))["findings"]
    except Exception as e:  # noqa: BLE001
        findings = [{"code": "REPORT-ERROR", "path": "", "line": 0, "message": repr(e)}]
    os.unlink(report)
    return {
        "prog": prog, "py": pyname, "loop": loop, "rc": [rc0, rc1], "same": rc0 == rc1 and out0 == out1,
        "out": [out0.decode(errors="replace")[-600:], out1.decode(errors="replace")[-600:]],
        "err": [err0.decode(errors="replace")[-1500:], err1.decode(errors="replace")[-1500:]],
        "findings": [{k: f.get(k) for k in ("code", "path", "line", "message")} for f in findings],
    }


def score(results, labs):
    by = {}
    for r in results:
        by.setdefault((r["py"], r["loop"]), []).append(r)
    lines = []
    for key, rs in sorted(by.items()):
        planted = found = right = clean = flagged = kept = 0
        notes = []
        for r in sorted(rs, key=lambda r: r["prog"]):
            marks = labs[r["prog"]]
            kept += r["same"]
            if not r["same"]:
                notes.append(f"  OUTPUT/EXIT {r['prog']}: rc {r['rc']}")
            mine = [f for f in r["findings"]]
            if not marks:
                clean += 1
                if mine:
                    flagged += 1
                    notes.append(f"  FLAGGED {r['prog']}: " + "; ".join(f"{f['code']}@{Path(f['path'] or '').name}:{f['line']}" for f in mine))
                continue
            for code, line in marks:
                planted += 1
                hits = [f for f in mine if f["code"] == code]
                if hits:
                    found += 1
                    if any(f["line"] == line and Path(f["path"]).name == r["prog"] for f in hits):
                        right += 1
                    else:
                        notes.append(f"  LINE {r['prog']} {code}:{line}: got " + ", ".join(f"{Path(f['path']).name}:{f['line']}" for f in hits))
                else:
                    notes.append(f"  MISS {r['prog']} {code}:{line}: got " + ("; ".join(f"{f['code']}@{Path(f['path'] or '').name}:{f['line']}" for f in mine) or "nothing"))
            extra = [f for f in mine if (f["code"], f["line"]) not in marks and f["code"] not in {c for c, _ in marks}]
            if extra:
                notes.append(f"  EXTRA {r['prog']}: " + "; ".join(f"{f['code']}@{Path(f['path'] or '').name}:{f['line']}" for f in extra))
        lines.append(f"{key[0]} {key[1]}: found {found}/{planted}, lines right {right}, clean flagged {flagged}/{clean}, output+exit kept {kept}/{len(rs)}")
        lines.extend(notes)
    return "\n".join(lines)


def main():
    global PROGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=PROGS, help="folder of programs")
    parser.add_argument("--configs", help="comma-separated, of 3.11-asyncio 3.11-uvloop 3.13-asyncio 3.13-uvloop")
    parser.add_argument("--only", help="comma-separated program names")
    parser.add_argument("-j", type=int, default=2, help="programs run at once")
    parser.add_argument("--out", type=Path, help="where to write results.json and summary.txt")
    args = parser.parse_args()
    PROGS = args.set.resolve()
    tree = str(HERE.parent)
    labs = labels()
    only = set(args.only.split(",")) if args.only else None
    progs = [p for p in labs if only is None or p in only or p[:-3] in only]
    cfgs = [(py, lp) for py in ("3.11", "3.13") for lp in ("asyncio", "uvloop")]
    if args.configs:
        cfgs = [c for c in cfgs if f"{c[0]}-{c[1]}" in args.configs.split(",")]
    work = [(py, lp, p) for py, lp in cfgs for p in progs]
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(lambda w: one(tree, *w), work))
    out = args.out or Path(tempfile.mkdtemp(prefix="heldout-runtime-"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1))
    text = score(results, labs)
    (out / "summary.txt").write_text(text + "\n")
    print(text)
    print(f"results: {out}")


if __name__ == "__main__":
    main()
