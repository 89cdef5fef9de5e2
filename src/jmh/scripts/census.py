#!/usr/bin/env python3
"""The syscall census: how many system calls each benchmark row makes per operation.

Each row's command is run twice under ``strace -f -c``, once with N1 ops and once with N2 ops; the
per-op count of a syscall is (count(N2) - count(N1)) / (N2 - N1), so everything the process does to
start, set up, verify, tear down and exit cancels out. What is left is what one op costs.

Rows come from a JSON file (``--rows``), a list of objects such as::

    {"row": "C W2", "workload": "W2", "impl": "c",
     "command": ["{floor}", "--census", "W2", "{n}"]}

A row may give its own ``n1`` and ``n2``, and ``ops_per_call`` when one call of its command's loop
makes several ops (a ping-pong benchmark's call is thousands of round trips): values stay per op.

In a command, ``{n}`` is the op count, and ``{floor}``, ``{java}`` and ``{classpath}`` come from the
options of the same names. ``workload`` and ``impl`` (and any other field but ``command``) are
copied to the output.

A JVM has threads of its own (the JIT compilers, the garbage collector, the VM thread) that also
make syscalls while the row runs: futex, madvise, mmap, sched_yield... So each row's per-op calls
are split into "io", the network and descriptor calls of IO_SYSCALLS, which are expected to match the
C floor exactly, and "other", which is noise for a JVM row and should be empty for a C row.

Output (``--out``): a JSON list, one object per row::

    {"row", "workload", "impl", "n1", "n2", "per_op": {syscall: calls per op},
     "total_per_op", "io": {...}, "io_per_op", "other": {...}, "other_per_op",
     "errors_per_op": {...}}

Per-op values are rounded to 3 decimals; a syscall whose value rounds to 0.000 is left out.
A compact table is printed on stdout.

Python 3.11, standard library only; needs strace.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Any

# The network and descriptor calls: the ones a row's workload makes itself.
IO_SYSCALLS = frozenset({
    # messages and bytes on sockets
    "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "sendto", "recvfrom", "send", "recv",
    # bytes on descriptors
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev",
    "preadv2", "pwritev2", "splice", "tee", "vmsplice", "sendfile", "sendfile64",
    # sockets and pipes: creation, options, state
    "socket", "socketpair", "bind", "connect", "listen", "accept", "accept4", "shutdown",
    "getsockopt", "setsockopt", "getsockname", "getpeername", "pipe", "pipe2",
    # descriptor life and control
    "close", "close_range", "dup", "dup2", "dup3", "fcntl", "fcntl64", "ioctl",
    "eventfd", "eventfd2",
    # readiness
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2",
    "poll", "ppoll", "select", "pselect6",
})

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
DEFAULT_N1 = 2000
DEFAULT_N2 = 12000


class CensusError(Exception):
    """A failure to report and exit on."""


def parse_strace_summary(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Calls and errors per syscall from the table of ``strace -c``.

    The table's columns are ``% time, seconds, usecs/call, calls, errors, syscall``; the errors
    column is blank on the lines of calls that never failed, and a ``total`` line ends the table.
    Tables for other personalities (``System call usage summary for 32 bit mode``) are summed in.
    """
    calls: dict[str, int] = {}
    errors: dict[str, int] = {}
    saw_header = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("%") and "syscall" in stripped:
            saw_header = True
            continue
        if not stripped or stripped.startswith("-"):
            continue
        fields = stripped.split()
        if len(fields) not in (5, 6):
            continue
        name = fields[-1]
        try:
            float(fields[0])
            float(fields[1])
            int(fields[2])
            count = int(fields[3])
            failed = int(fields[4]) if len(fields) == 6 else 0
        except ValueError:
            continue
        if name == "total":
            continue
        calls[name] = calls.get(name, 0) + count
        if failed:
            errors[name] = errors.get(name, 0) + failed
    if not saw_header:
        raise CensusError("strace wrote no summary table (is this strace -c output?):\n" + text)
    return calls, errors


def substitute(command: list[Any], values: dict[str, str | None], row: str) -> list[str]:
    """The command with ``{n}``, ``{floor}``, ``{java}``, ``{classpath}`` filled in."""
    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise CensusError(f"row {row!r}: unknown placeholder {{{key}}} in its command"
                              f" (known: {', '.join('{' + k + '}' for k in values)})")
        value = values[key]
        if value is None:
            raise CensusError(f"row {row!r}: its command uses {{{key}}}; give --{key}")
        return value

    if not isinstance(command, list) or not command or not all(isinstance(a, str) for a in command):
        raise CensusError(f"row {row!r}: \"command\" must be a non-empty list of strings")
    return [PLACEHOLDER.sub(fill, arg) for arg in command]


def count_syscalls(strace: str, command: list[str], row: str, workdir: str, label: str
                   ) -> tuple[dict[str, int], dict[str, int]]:
    """Runs the command under ``strace -f -c`` and returns its syscall counts."""
    summary = os.path.join(workdir, f"strace-{label}.txt")
    try:
        done = subprocess.run([strace, "-f", "-c", "-o", summary, *command],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace")
    except OSError as e:
        raise CensusError(f"row {row!r}: could not run strace: {e}") from e
    if done.returncode != 0:
        shown = " ".join(command)
        output = (done.stderr.strip() or "(nothing on stderr)")
        if done.stdout.strip():
            output += "\n--- stdout ---\n" + done.stdout.strip()
        raise CensusError(f"row {row!r}: the command failed (exit status {done.returncode}):\n"
                          f"  {shown}\n--- stderr ---\n{output}")
    try:
        with open(summary, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        raise CensusError(f"row {row!r}: strace left no summary: {e}") from e
    return parse_strace_summary(text)


def per_op(low: dict[str, int], high: dict[str, int], n1: int, n2: int) -> dict[str, float]:
    """(count(N2) - count(N1)) / (N2 - N1) per syscall, rounded; zeroes dropped."""
    result: dict[str, float] = {}
    for name in sorted(set(low) | set(high)):
        value = round((high.get(name, 0) - low.get(name, 0)) / (n2 - n1), 3)
        if value != 0:
            result[name] = value
    return dict(sorted(result.items(), key=lambda item: (-abs(item[1]), item[0])))


def total(values: dict[str, float]) -> float:
    return round(float(sum(values.values())), 3)


def census_row(spec: dict[str, Any], values: dict[str, str | None], strace: str, n1: int,
               n2: int) -> dict[str, Any]:
    row = spec["row"]
    # A row may run fewer, longer calls (a ping-pong benchmark makes thousands of round trips per
    # call): its own op counts, and how many ops one call makes, so that values stay per op.
    n1 = int(spec.get("n1", n1))
    n2 = int(spec.get("n2", n2))
    ops_per_call = int(spec.get("ops_per_call", 1))
    counts = []
    with tempfile.TemporaryDirectory(prefix="census-") as workdir:
        for label, n in (("n1", n1), ("n2", n2)):
            command = substitute(spec.get("command"), {**values, "n": str(n)}, row)
            counts.append(count_syscalls(strace, command, row, workdir, label))
    (calls1, errors1), (calls2, errors2) = counts
    calls = per_op(calls1, calls2, n1 * ops_per_call, n2 * ops_per_call)
    io = {k: v for k, v in calls.items() if k in IO_SYSCALLS}
    other = {k: v for k, v in calls.items() if k not in IO_SYSCALLS}
    result: dict[str, Any] = {
        "row": row,
        "workload": spec.get("workload"),
        "impl": spec.get("impl"),
    }
    for key, value in spec.items():
        if key not in ("row", "workload", "impl", "command", "n1", "n2"):
            result[key] = value
    result.update({
        "n1": n1,
        "n2": n2,
        "per_op": calls,
        "total_per_op": total(calls),
        "io": io,
        "io_per_op": total(io),
        "other": other,
        "other_per_op": total(other),
        "errors_per_op": per_op(errors1, errors2, n1 * ops_per_call, n2 * ops_per_call),
    })
    return result


def load_rows(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as f:
            rows = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise CensusError(f"cannot read the rows file {path}: {e}") from e
    if not isinstance(rows, list):
        raise CensusError(f"{path}: expected a JSON list of rows")
    seen = set()
    for i, spec in enumerate(rows):
        if not isinstance(spec, dict) or not isinstance(spec.get("row"), str) or "command" not in spec:
            raise CensusError(f"{path}: row {i} needs a \"row\" name and a \"command\" list")
        if spec["row"] in seen:
            raise CensusError(f"{path}: row {spec['row']!r} appears twice")
        seen.add(spec["row"])
    return rows


def format_calls(values: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:g}" for name, value in values.items()) or "-"


def print_table(results: list[dict[str, Any]], out=sys.stdout) -> None:
    width = max([len("row")] + [len(r["row"]) for r in results])
    print(f"{'row':<{width}}  {'io/op':>8}  {'other/op':>8}  io calls per op | other calls per op",
          file=out)
    for r in results:
        print(f"{r['row']:<{width}}  {r['io_per_op']:>8.3f}  {r['other_per_op']:>8.3f}  "
              f"{format_calls(r['io'])} | {format_calls(r['other'])}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Counts the syscalls per op of benchmark rows, from two strace -c runs.")
    parser.add_argument("--rows", help="the JSON file of rows")
    parser.add_argument("--out", help="write the JSON results here")
    parser.add_argument("--floor", help="the C floor program, for {floor}")
    parser.add_argument("--java", default=None, help="the java launcher, for {java}")
    parser.add_argument("--classpath", help="the benchmark classpath, for {classpath}")
    parser.add_argument("--n1", type=int, default=DEFAULT_N1, help=f"ops of the first run ({DEFAULT_N1})")
    parser.add_argument("--n2", type=int, default=DEFAULT_N2, help=f"ops of the second run ({DEFAULT_N2})")
    parser.add_argument("--select", action="append", metavar="TEXT",
                        help="run only the rows whose name contains TEXT (repeatable)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="rows run side by side (1); syscall counts do not depend on timing")
    parser.add_argument("--list-io", action="store_true",
                        help="print the syscall names counted as io, and exit")
    args = parser.parse_args(argv)

    if args.list_io:
        print("\n".join(sorted(IO_SYSCALLS)))
        return 0
    if not args.rows:
        parser.error("--rows is required")
    if args.n1 < 0 or args.n2 <= args.n1:
        parser.error("need 0 <= --n1 < --n2")

    try:
        strace = shutil.which("strace")
        if strace is None:
            raise CensusError("strace is not installed; apt-get install strace provides it")
        rows = load_rows(args.rows)
        if args.select:
            rows = [r for r in rows if any(text in r["row"] for text in args.select)]
            if not rows:
                raise CensusError("--select matched no row")
        values: dict[str, str | None] = {
            "floor": args.floor,
            "java": args.java,
            "classpath": args.classpath,
        }
        def run(spec: dict[str, Any]) -> dict[str, Any]:
            n1, n2 = spec.get("n1", args.n1), spec.get("n2", args.n2)
            print(f"census: {spec['row']} ({n1} and {n2} calls)", file=sys.stderr, flush=True)
            return census_row(spec, values, strace, args.n1, args.n2)

        # Counts do not depend on timing, so rows may run side by side; results keep the rows' order.
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(run, rows))
    except CensusError as e:
        print(f"census: {e}", file=sys.stderr)
        return 1

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
