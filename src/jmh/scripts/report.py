#!/usr/bin/env python3
"""The benchmark report: the tables of docs/benchmarks.md and the plots of docs/img, from the JSON
files the suite writes (src/jmh/scripts/bench.sh).

Usage::

    report.py --bench DIR [--out FILE] [--img DIR] [--classpath CP] [--img-link PREFIX]

``--bench DIR`` holds what the suite wrote; every file is optional, and whatever is missing is said
so in the report ("not measured") instead of failing:

- ``jmh-floor-1.json``, ``jmh-floor-2.json``, …: the rows held to the raw FFM floor (the floor,
  ``OursNativeMessage`` and ``OursChannelNative`` on W1-W4), one fork each per pass, the passes taken
  in turn and pooled, run with ``-prof gc``;
- ``jmh-main.json``: JMH's JSON of every other workload of every row (W0-W7), one fork each;
- ``jmh-scaling-bytes.json``, ``jmh-scaling-fds.json``: the ``bytes`` benchmarks at more lengths
  and the ``descriptors`` benchmarks at more counts (the main file gives 64 B, 64 KiB and 16 fds);
- ``floor.json``: the C floor program's output (src/jmh/c/floor.c, ``--all``);
- ``census.json``: the syscall census (src/jmh/scripts/census.py).

``--out FILE`` gets the Markdown (stdout without it); ``--img DIR`` the PNG plots (none without it);
``--classpath CP`` is the benchmark class path, whose jar names give the peers' versions;
``--img-link PREFIX`` is how the Markdown links the plots (``img/``: docs/benchmarks.md's view of
docs/img). The machine line (kernel, CPU, CPU count) is read from the machine this runs on: run it
where the benchmarks ran.

Colours are fixed per row in every plot: the raw FFM floor black, the C floor dark grey, our rows
blues, the peers other colours.

Python 3.11, standard library; the plots need matplotlib (Debian: python3-matplotlib), and without
it the tables are still written.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable

PACKAGE = "io.github.sendmsg.bench."

# ---------------------------------------------------------------------------------------------
# The rows, the workloads, the colours
# ---------------------------------------------------------------------------------------------

FLOOR = "RawFfmFloor"
C = "C"
OURS = ["OursNativeMessage", "OursChannelNative", "OursByteBuffer", "OursChannel", "OursTwisted"]
PEERS = ["JnrPosix", "NettyAddress", "NettyByteBuffer", "JunixsocketStream", "JunixsocketChannel"]
JAVA_ROWS = [FLOOR] + OURS + PEERS
ALL_ROWS = [C] + JAVA_ROWS

LABELS = {C: "C floor", FLOOR: "raw FFM floor"}

COLOURS = {
    C: "#5a5a5a",
    FLOOR: "#000000",
    "OursNativeMessage": "#08306b",
    "OursChannelNative": "#1764ab",
    "OursByteBuffer": "#3f8fd2",
    "OursChannel": "#00a0c8",
    "OursTwisted": "#86b7e6",
    "JnrPosix": "#e8710a",
    "NettyAddress": "#2ca02c",
    "NettyByteBuffer": "#a8b820",
    "JunixsocketStream": "#d62728",
    "JunixsocketChannel": "#9467bd",
    "JDK": "#8c564b",
}
MARKERS = {
    C: "x", FLOOR: "s",
    "OursNativeMessage": "o", "OursChannelNative": "^", "OursByteBuffer": "v", "OursChannel": "D",
    "OursTwisted": "<",
    "JnrPosix": "P", "NettyAddress": "X", "NettyByteBuffer": "*", "JunixsocketStream": "h",
    "JunixsocketChannel": "d",
}


@dataclass(frozen=True)
class Workload:
    key: str          # W1 ... W5-batch
    method: str       # the benchmark method of every row class
    params: tuple     # the JMH parameters that select it
    c_case: str       # the C floor's case
    census: str       # the suffix of the census rows ("<Class> W5", "C W5-single")
    title: str        # what one op is
    unit: str         # "ns/op" or "ns/datagram"


WORKLOADS = [
    Workload("W1", "bytes", (("length", "64"),), "W1", "W1", "W1: 64 B each way", "ns/op"),
    Workload("W2", "descriptor", (), "W2", "W2", "W2: 1 B + 1 descriptor, closed", "ns/op"),
    Workload("W3", "bytes", (("length", "65536"),), "W3", "W3", "W3: 64 KiB each way", "ns/op"),
    Workload("W4", "descriptors", (("count", "16"),), "W4", "W4", "W4: 1 B + 16 descriptors, closed",
             "ns/op"),
    Workload("W5", "datagrams", (), "W5-single", "W5", "W5: 32 datagrams, single calls",
             "ns/datagram"),
    Workload("W5-batch", "datagramBatch", (), "W5-batch", "W5-batch",
             "W5: 32 datagrams, sendmmsg/recvmmsg", "ns/datagram"),
]
WL = {w.key: w for w in WORKLOADS}
HEADS = {"W1": "W1 (64 B)", "W2": "W2 (1 fd)", "W3": "W3 (64 KiB)", "W4": "W4 (16 fds)",
         "W5": "W5 singles", "W5-batch": "W5 batch"}

ENCODING = [("encodeFloor", None), ("encodeOurs", None), ("encodeOursPrepared", None),
            ("parseFloor", "1"), ("parseOurs", "1"), ("parseOursObjects", "1"),
            ("parseFloor", "16"), ("parseOurs", "16"), ("parseOursObjects", "16"),
            ("copiesW3", None)]
ENCODING_FLOOR = {"encodeOurs": "encodeFloor", "encodeOursPrepared": "encodeFloor",
                  "parseOurs": "parseFloor", "parseOursObjects": "parseFloor"}

THREADS = [("ManyThreadsOneCarrier", "channelVirtual", "1 carrier", "8 virtual threads, 1 carrier"),
           ("ManyThreadsTwoCarriers", "channelVirtual", "2 carriers", "8 virtual threads, 2 carriers"),
           ("ManyThreadsPlatform", "channelPlatform", "8 platform", "8 platform threads")]

PINGPONG = [("channelVirtual", "UnixChannel, virtual threads", "OursChannel"),
            ("channelNativeMessageVirtual", "UnixChannel + NativeMessage, virtual threads",
             "OursChannelNative"),
            ("nativeMessagePlatform", "NativeMessage, blocking, platform threads", "OursNativeMessage"),
            ("jdkVirtual", "JDK SocketChannel (UNIX), virtual threads", "JDK"),
            ("junixsocketVirtual", "junixsocket AFUNIXSocketChannel, virtual threads",
             "JunixsocketChannel")]

# Targets.
BEST_FLOOR_LIMIT = 1.05
TWISTED_LIMIT = 1.15
ENCODING_LIMIT_NS = 10.0
BATCH_LIMIT = 3.0
ZERO_BYTES = 0.5
RATIO_CAP = 2.5          # the ratio plot's scale ends after the largest ratio up to this; larger
                         # ones are cut at the edge and labelled
# Census values are differences of two runs, rounded to 3 decimals; JVM threads (a JIT compiler
# reading a file, say) may add a call or two over thousands of ops. Below this per-op difference a
# call count counts as equal to C's (and is shown as such, "≈").
CENSUS_TOLERANCE = 0.01


def label(row: str) -> str:
    return LABELS.get(row, row)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

class Notes:
    """What the report could not show, and why: written under the tables and on stderr."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)
            print(f"report: {text}", file=sys.stderr)


def number(value: Any) -> float | None:
    """A JSON number, or None for NaN, "NaN", missing and unparseable values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


UNIT_NS = {"ns/op": 1.0, "us/op": 1e3, "\u00b5s/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


@dataclass
class Result:
    cls: str
    method: str
    params: dict[str, str]
    mean: float
    error: float | None                  # JMH's 99.9% half-width, ns
    iterations: list[float]              # every measured iteration of every fork, ns
    alloc: float | None                  # gc.alloc.rate.norm, B/op
    source: str
    alloc_iterations: list[float] = field(default_factory=list)   # gc.alloc.rate.norm per iteration

    @property
    def alloc_median(self) -> float | None:
        """B/op of the median iteration: the last iteration of every fork also carries JMH's own
        bookkeeping (0.4-2.4 B/op on the floor too), and one fork whose compiler kept an allocation
        the others removed shows in the mean of all."""
        values = sorted(self.alloc_iterations)
        if not values:
            return self.alloc
        mid = len(values) // 2
        return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2

    @property
    def best(self) -> float:
        return min(self.iterations) if self.iterations else self.mean

    @property
    def error_pct(self) -> float | None:
        return None if self.error is None or self.mean <= 0 else 100.0 * self.error / self.mean


def student_t_999(df: int) -> float:
    """The two-sided 99.9% quantile of Student's t (what JMH's error uses), from a table, interpolated."""
    table = [(1, 636.6), (2, 31.60), (3, 12.92), (4, 8.610), (5, 6.869), (6, 5.959), (8, 5.041),
             (10, 4.587), (15, 4.073), (20, 3.850), (30, 3.646), (40, 3.551), (60, 3.460), (120, 3.373)]
    if df >= table[-1][0]:
        return 3.291
    for (d0, t0), (d1, t1) in zip(table, table[1:]):
        if d0 <= df <= d1:
            return t0 + (t1 - t0) * (df - d0) / (d1 - d0)
    return table[0][1]


class Jmh:
    """Every JMH result of the files read, by (class, method, params)."""

    def __init__(self) -> None:
        self.results: dict[tuple, Result] = {}
        self.meta: dict[str, Any] = {}
        self.used: set[tuple] = set()

    @staticmethod
    def key(cls: str, method: str, params: Iterable[tuple[str, str]] = ()) -> tuple:
        return cls, method, tuple(sorted((k, str(v)) for k, v in params))

    def load(self, path: str, notes: Notes) -> int:
        data = read_json(path, notes)
        if data is None:
            return 0
        if not isinstance(data, list):
            notes.add(f"{os.path.basename(path)}: not a JMH result list; ignored")
            return 0
        added = 0
        for entry in data:
            result = self._parse(entry, os.path.basename(path), notes)
            if result is None:
                continue
            k = self.key(result.cls, result.method, result.params.items())
            if k in self.results:   # the main file comes first and wins
                continue
            self.results[k] = result
            added += 1
            self._note_meta(entry)
        return added

    def _note_meta(self, entry: dict[str, Any]) -> None:
        """The JDK, VM and JMH of the first entry that names them."""
        for name in ("jdkVersion", "vmName", "vmVersion", "jmhVersion", "jvmArgs"):
            if name in entry and name not in self.meta:
                self.meta[name] = entry[name]

    @staticmethod
    def _parse(entry: Any, source: str, notes: Notes) -> Result | None:
        try:
            name = entry["benchmark"]
            metric = entry["primaryMetric"]
        except (TypeError, KeyError):
            notes.add(f"{source}: an entry without benchmark/primaryMetric; ignored")
            return None
        if name.startswith(PACKAGE):
            name = name[len(PACKAGE):]
        cls, _, method = name.rpartition(".")
        unit = metric.get("scoreUnit", "ns/op")
        scale = UNIT_NS.get(unit)
        mean = number(metric.get("score"))
        if scale is None or mean is None:
            notes.add(f"{source}: {name} has score {metric.get('score')!r} {unit!r}, not a time per "
                      f"op; ignored")
            return None
        error = number(metric.get("scoreError"))
        iterations = []
        for fork in metric.get("rawData") or []:
            for value in fork or []:
                x = number(value)
                if x is not None:
                    iterations.append(x * scale)
        alloc = None
        alloc_iterations = []
        secondary = entry.get("secondaryMetrics") or {}
        if isinstance(secondary.get("gc.alloc.rate.norm"), dict):
            alloc = number(secondary["gc.alloc.rate.norm"].get("score"))
            for fork in secondary["gc.alloc.rate.norm"].get("rawData") or []:
                alloc_iterations += [x for x in map(number, fork or []) if x is not None]
        params = {str(k): str(v) for k, v in (entry.get("params") or {}).items()}
        return Result(cls, method, params, mean * scale, None if error is None else error * scale,
                      iterations, alloc, source, alloc_iterations)

    def load_passes(self, paths: list[str], notes: Notes) -> int:
        """Several JMH runs of the same benchmarks, one fork each, taken in turn so that a change in the
        machine's load over minutes falls on every row alike: each benchmark's iterations are pooled,
        its mean and error taken over all of them."""
        pooled: dict[tuple, list[Result]] = {}
        for path in paths:
            data = read_json(path, notes)
            for entry in data if isinstance(data, list) else []:
                result = self._parse(entry, os.path.basename(path), notes)
                if result is not None:
                    pooled.setdefault(self.key(result.cls, result.method, result.params.items()), []).append(result)
                    self._note_meta(entry)
        for k, parts in pooled.items():
            iterations = [x for part in parts for x in part.iterations]
            allocs = [x for part in parts for x in part.alloc_iterations]
            n = len(iterations)
            mean = sum(iterations) / n if n else parts[0].mean
            error = None
            if n > 1:
                sd = math.sqrt(sum((x - mean) ** 2 for x in iterations) / (n - 1))
                error = student_t_999(n - 1) * sd / math.sqrt(n)   # JMH's 99.9% half-width
            alloc = sum(allocs) / len(allocs) if allocs else parts[0].alloc
            first = parts[0]
            self.results[k] = Result(first.cls, first.method, first.params, mean, error, iterations, alloc,
                                     f"{len(parts)} passes", allocs)
        return len(pooled)

    def get(self, cls: str, method: str, params: Iterable[tuple[str, str]] = ()) -> Result | None:
        k = self.key(cls, method, params)
        self.used.add(k)
        return self.results.get(k)

    def unused(self) -> list[str]:
        """The results no table or plot has asked for (a benchmark this script does not know)."""
        def scaling(c: str, m: str, p: tuple) -> bool:   # a point of the scaling plots
            return c in JAVA_ROWS and (m, [k for k, _ in p]) in (("bytes", ["length"]), ("descriptors", ["count"]))
        return sorted(f"{c}.{m}" + (" (" + ", ".join(f"{k}={v}" for k, v in p) + ")" if p else "")
                      for (c, m, p) in self.results if (c, m, p) not in self.used and not scaling(c, m, p))

    def workload(self, row: str, w: Workload) -> Result | None:
        return self.get(row, w.method, w.params)

    def series(self, cls: str, method: str, param: str) -> list[tuple[int, Result]]:
        """The results of cls.method by the integer value of one parameter, ascending."""
        points = []
        for (c, m, params), result in self.results.items():
            if c == cls and m == method and len(params) == 1 and params[0][0] == param:
                try:
                    points.append((int(params[0][1]), result))
                except ValueError:
                    pass
        return sorted(points, key=lambda p: p[0])

    def __bool__(self) -> bool:
        return bool(self.results)


@dataclass
class FloorCase:
    case: str
    unit: str
    param: Any
    mean: float
    best: float
    stdev: float | None


def read_json(path: str, notes: Notes, what: str | None = None) -> Any:
    name = os.path.basename(path)
    if not os.path.exists(path):
        notes.add(f"{name} is missing{': ' + what if what else ''}")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        notes.add(f"{name} could not be read ({e}){': ' + what if what else ''}")
        return None


def load_floor(path: str, notes: Notes) -> dict[str, FloorCase]:
    data = read_json(path, notes, "no C floor figures")
    cases: dict[str, FloorCase] = {}
    if data is None:
        return cases
    if not isinstance(data, list):
        notes.add("floor.json is not a list of cases; no C floor figures")
        return cases
    for entry in data:
        if not isinstance(entry, dict) or "case" not in entry:
            continue
        mean, best = number(entry.get("mean")), number(entry.get("best"))
        if mean is None:
            continue
        cases[str(entry["case"])] = FloorCase(str(entry["case"]), str(entry.get("unit", "ns/op")),
                                              entry.get("param"), mean,
                                              best if best is not None else mean,
                                              number(entry.get("stdev")))
    return cases


def load_census(path: str, notes: Notes) -> dict[str, dict[str, Any]]:
    data = read_json(path, notes, "no syscall counts")
    rows: dict[str, dict[str, Any]] = {}
    if data is None:
        return rows
    if not isinstance(data, list):
        notes.add("census.json is not a list of rows; no syscall counts")
        return rows
    for entry in data:
        if isinstance(entry, dict) and isinstance(entry.get("row"), str):
            rows[entry["row"]] = entry
    return rows


# ---------------------------------------------------------------------------------------------
# Machine and versions
# ---------------------------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "Hardware", "cpu model") and value.strip():
                    return " ".join(value.split())
    except OSError:
        pass
    return platform.processor() or platform.machine() or "?"


def cpu_count() -> str:
    logical = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = logical
    if logical is None:
        return "? CPUs"
    text = f"{logical} CPU{'s' if logical != 1 else ''}"
    if usable and usable != logical:
        text += f" ({usable} usable)"
    return text


PEER_JARS = [
    ("junixsocket", re.compile(r"^junixsocket-common-(\d[^/]*?)\.jar$")),
    ("jnr-posix", re.compile(r"^jnr-posix-(\d[^/]*?)\.jar$")),
    ("Netty", re.compile(r"^netty-transport-native-epoll-(\d[^/]*?)(?:-linux-[^/]*)?\.jar$")),
    ("JMH", re.compile(r"^jmh-core-(\d[^/]*?)\.jar$")),
]


def versions(classpath: str | None, jmh_meta: dict[str, Any]) -> dict[str, str]:
    found = {name: "?" for name, _ in PEER_JARS}
    for entry in (classpath or "").split(os.pathsep):
        base = os.path.basename(entry.strip())
        for name, pattern in PEER_JARS:
            m = pattern.match(base)
            if m and found[name] == "?":
                found[name] = m.group(1)
    if found["JMH"] == "?" and jmh_meta.get("jmhVersion"):
        found["JMH"] = str(jmh_meta["jmhVersion"])
    return found


# ---------------------------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------------------------

NA = "n/a"


def fmt_ns(x: float | None) -> str:
    if x is None:
        return NA
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def fmt_signed(x: float) -> str:
    return ("+" if x > 0 else "\u2212" if x < 0 else "") + fmt_ns(abs(x))


def fmt_ratio(x: float | None) -> str:
    return NA if x is None else f"{x:.2f}"


def fmt_pct(p: float | None) -> str:
    return "" if p is None else f" \u00b1{p:.1f}%" if p < 10 else f" \u00b1{p:.0f}%"


def fmt_bytes(b: float | None) -> str:
    if b is None:
        return "?"
    return "0" if b < ZERO_BYTES else f"{b:,.0f}"


def fmt_calls(x: float) -> str:
    text = f"{x:,.3f}".rstrip("0").rstrip(".")
    return text.replace("-", "\u2212")


def fmt_call_list(calls: dict[str, float]) -> str:
    if not calls:
        return "none"
    return ", ".join(f"{n} {fmt_calls(v)}" for n, v in sorted(calls.items(), key=lambda kv: (-kv[1], kv[0])))


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return a / b


def md_table(head: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    """A Markdown table; align is one letter a column, l or r (default: first l, others r)."""
    align = align or "l" + "r" * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---" if a == "l" else "---:" for a in align) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return lines


# ---------------------------------------------------------------------------------------------
# The data, assembled
# ---------------------------------------------------------------------------------------------

@dataclass
class Data:
    jmh: Jmh
    floor: dict[str, FloorCase]
    census: dict[str, dict[str, Any]]
    versions: dict[str, str]
    notes: Notes
    have: dict[str, bool] = field(default_factory=dict)

    def result(self, row: str, w: Workload) -> Result | None:
        return self.jmh.workload(row, w)

    def c(self, w: Workload) -> FloorCase | None:
        return self.floor.get(w.c_case)

    def times_floor(self, row: str, w: Workload) -> float | None:
        r, f = self.result(row, w), self.result(FLOOR, w)
        return ratio(r.mean, f.mean) if r and f else None

    def best_floor(self, row: str, w: Workload) -> float | None:
        r, f = self.result(row, w), self.result(FLOOR, w)
        return ratio(r.best, f.best) if r and f else None

    def census_row(self, row: str, w: Workload) -> dict[str, Any] | None:
        return self.census.get(f"{row} {w.census}")


# ---------------------------------------------------------------------------------------------
# The Markdown
# ---------------------------------------------------------------------------------------------

def machine_line(d: Data) -> str:
    meta = d.jmh.meta
    jdk = "JDK ?"
    if meta.get("jdkVersion"):
        jdk = f"JDK {meta['jdkVersion']}"
        vm = " ".join(str(meta[k]) for k in ("vmName", "vmVersion") if meta.get(k))
        if vm:
            jdk += f" ({vm})"
    v = d.versions
    return (f"Machine: Linux {platform.release()}, {cpu_model()}, {cpu_count()}; {jdk}; "
            f"JMH {v['JMH']}; peers: junixsocket {v['junixsocket']}, jnr-posix {v['jnr-posix']}, "
            f"Netty {v['Netty']}.")


def section_main(d: Data) -> list[str]:
    out = ["### W1\u2013W5: time per op", ""]
    if not d.jmh:
        return out + ["Not measured (no JMH results).", ""]
    rows_present = [r for r in JAVA_ROWS if any(d.result(r, w) for w in WORKLOADS)]
    missing = [r for r in JAVA_ROWS if r not in rows_present]
    if missing:
        d.notes.add("rows with no W1\u2013W5 result: " + ", ".join(missing))
    out += ["Mean ns per op (W5: per datagram, singles and `sendmmsg`/`recvmmsg` batches of 32), "
            "\u00b1 JMH's 99.9% error as a % of the mean, and in brackets \u00d7floor, the mean over "
            f"`{FLOOR}`'s mean in the same run. `{FLOOR}`, `OursNativeMessage` and "
            "`OursChannelNative` on W1\u2013W4 ran in three passes of one fork each, taken in turn "
            "(their means and bests are over the three), every other figure one fork. The C floor (`floor.c`, same workloads, no JVM) "
            "is its own line, without a ratio (see the next table).", ""]
    body = []
    if d.floor:
        body.append([f"**{label(C)}**"] + [fmt_ns(d.c(w).mean) if d.c(w) else NA for w in WORKLOADS])
    for row in rows_present:
        cells = []
        for w in WORKLOADS:
            r = d.result(row, w)
            if r is None:
                cells.append(NA)
                continue
            x = d.times_floor(row, w)
            cells.append(f"{fmt_ns(r.mean)}{fmt_pct(r.error_pct)}"
                         + (f" (\u00d7{fmt_ratio(x)})" if x is not None and row != FLOOR else ""))
        body.append([row_cell(row)] + cells)
    out += md_table(["row"] + [HEADS[w.key] for w in WORKLOADS], body) + [""]

    out += ["Best iteration \u00d7floor: the row's fastest measured iteration over the floor's fastest "
            "(the least disturbed by other work on the machine):", ""]
    body = []
    for row in rows_present:
        if row == FLOOR:
            body.append([f"{label(FLOOR)}: its best, ns"] + [fmt_ns(d.result(row, w).best) if d.result(row, w)
                                                             else NA for w in WORKLOADS])
            continue
        body.append([row_cell(row)] + [fmt_ratio(d.best_floor(row, w)) if d.result(row, w) else NA
                                       for w in WORKLOADS])
    out += md_table(["row"] + [HEADS[w.key] for w in WORKLOADS], body) + [""]

    out += ["Heap bytes allocated per op (JMH's `gc.alloc.rate.norm`; under 0.5 shown as 0, JMH's own "
            "bookkeeping spread over the ops) \u00b7 syscalls per op (the census's network and "
            "descriptor calls; W5: per op of 32 datagrams, so 64 for singles and 2 for a batch):", ""]
    body = []
    if d.floor or d.census:
        body.append([f"**{label(C)}**"] + [f"\u2013 \u00b7 {census_total(d, C, w)}" for w in WORKLOADS])
    for row in rows_present:
        cells = []
        for w in WORKLOADS:
            r = d.result(row, w)
            if r is None:
                cells.append(NA)
            else:
                cells.append(f"{fmt_bytes(r.alloc)} B \u00b7 {census_total(d, row, w)}")
        body.append([row_cell(row)] + cells)
    out += md_table(["row"] + [HEADS[w.key] for w in WORKLOADS], body) + [""]
    if any(d.result(r, w) and d.result(r, w).alloc is None for r in rows_present for w in WORKLOADS):
        d.notes.add("some results have no gc.alloc.rate.norm (JMH run without -prof gc): B/op shown as ?")
    if any(d.result(r, w) and d.result(r, w).error is None for r in rows_present for w in WORKLOADS):
        d.notes.add("some results have no JMH error (a single iteration): shown without \u00b1")
    return out


def row_cell(row: str) -> str:
    if row == FLOOR:
        return f"{label(FLOOR)} (`{FLOOR}`)"
    return f"**{row}**" if row in OURS else row


def census_total(d: Data, row: str, w: Workload) -> str:
    if not d.census:
        return "?"
    c = d.census.get(f"C {w.c_case}") if row == C else d.census_row(row, w)
    return fmt_calls(c["io_per_op"]) if c and number(c.get("io_per_op")) is not None else "?"


def section_c(d: Data) -> list[str]:
    out = ["### The C floor and the FFM floor", ""]
    if not d.floor:
        return out + ["Not measured (no `floor.json`).", ""]
    out += ["The same workloads in C (`src/jmh/c/floor.c`: preallocated buffers, no JVM), mean and best "
            "of its rounds, next to the FFM floor: floor/C is what the JVM and FFM add to the bare "
            "syscalls.", ""]
    body = []
    for w in WORKLOADS:
        c, f = d.c(w), d.result(FLOOR, w)
        body.append([f"{w.key} ({w.unit})", fmt_ns(c.mean) if c else NA, fmt_ns(c.best) if c else NA,
                     fmt_ns(f.mean) if f else NA, fmt_ns(f.best) if f else NA,
                     fmt_ratio(ratio(f.mean, c.mean)) if c and f else NA,
                     fmt_ratio(ratio(f.best, c.best)) if c and f else NA])
    out += md_table(["workload", "C mean", "C best", "FFM floor mean", "FFM floor best",
                     "floor/C mean", "floor/C best"], body) + [""]
    plain = [(w, d.c(WL[w]), d.floor.get(f"{w}-rw")) for w in ("W1", "W3")]
    plain = [(w, c, rw) for w, c, rw in plain if c and rw]
    if plain:
        out += ["The same bytes in C with `write`/`read` instead of `sendmsg`/`recvmsg` (cases `W1-rw`, "
                "`W3-rw`: no `msghdr` to copy in and check, no control buffer), the kernel path of "
                "Netty's rows:", ""]
        out += md_table(["workload", "write/read mean", "write/read best", "sendmsg/recvmsg over write/read, mean",
                         "best"],
                        [[w, fmt_ns(rw.mean), fmt_ns(rw.best), fmt_ratio(ratio(c.mean, rw.mean)),
                          fmt_ratio(ratio(c.best, rw.best))] for w, c, rw in plain]) + [""]
    return out


def section_w0(d: Data) -> list[str]:
    out = ["### W0: the binding's own work (no syscall)", ""]
    results = [(m, c, d.jmh.get("Encoding", m, (("count", c),) if c else ())) for m, c in ENCODING]
    if not any(r for _, _, r in results):
        return out + ["Not measured.", ""]
    out += ["`Encoding`: writing a `msghdr` (64 B + 1 descriptor) and reading a received control buffer "
            "of 1 or 16 descriptors, ours against the floor's own code for the same job; "
            "ours \u2212 floor is the difference of the means.", ""]
    body = []
    for method, count, r in results:
        name = f"`{method}`" + (f" (count {count})" if count else "")
        if r is None:
            body.append([name, "not measured", "", ""])
            continue
        diff = ""
        if method in ENCODING_FLOOR:
            f = d.jmh.get("Encoding", ENCODING_FLOOR[method], (("count", count),) if count else ())
            diff = f"{fmt_signed(r.mean - f.mean)} ns" if f else NA
        body.append([name, f"{fmt_ns(r.mean)}{fmt_pct(r.error_pct)}", fmt_bytes(r.alloc), diff])
    return out + md_table(["benchmark", "ns/op", "B/op", "ours \u2212 floor"], body) + [""]


def section_w5(d: Data) -> list[str]:
    out = ["### W5: single calls against batches", ""]
    single, batch = WL["W5"], WL["W5-batch"]
    ours_batch = d.result("OursNativeMessage", batch)
    if not d.jmh and not d.floor:
        return out + ["Not measured.", ""]
    out += ["ns per datagram (32 datagrams of 64 B over a `SOCK_DGRAM` pair per op): 32 `sendmsg` + "
            "32 `recvmsg`, or one `sendmmsg` + one `recvmmsg`. \"singles / batch\" is the row's "
            "own singles over its own batch; \"singles / ours batch\" the row's singles over "
            "`OursNativeMessage.datagramBatch`.", ""]
    body = []
    c_single, c_batch = d.c(single), d.c(batch)
    if c_single or c_batch:
        body.append([f"**{label(C)}**", fmt_ns(c_single.mean) if c_single else NA,
                     fmt_ns(c_batch.mean) if c_batch else NA,
                     fmt_ratio(ratio(c_single.mean, c_batch.mean)) if c_single and c_batch else NA,
                     fmt_ratio(ratio(c_single.mean, ours_batch.mean)) if c_single and ours_batch else NA])
    for row in JAVA_ROWS:
        s, b = d.result(row, single), d.result(row, batch)
        if not s and not b:
            continue
        body.append([row_cell(row), f"{fmt_ns(s.mean)}{fmt_pct(s.error_pct)}" if s else NA,
                     f"{fmt_ns(b.mean)}{fmt_pct(b.error_pct)}" if b else NA,
                     fmt_ratio(ratio(s.mean, b.mean)) if s and b else NA,
                     fmt_ratio(ratio(s.mean, ours_batch.mean)) if s and ours_batch else NA])
    if len(body) == 0:
        return out[:2] + ["Not measured.", ""]
    return out + md_table(["row", "singles ns/datagram", "batch ns/datagram", "singles / batch",
                           "singles / ours batch"], body) + [""]


def section_w6(d: Data) -> list[str]:
    out = ["### W6: eight threads", ""]
    results = [(name, text, d.jmh.get(cls, method)) for cls, method, name, text in THREADS]
    if not any(r for _, _, r in results):
        return out + ["Not measured.", ""]
    out += ["Eight threads, each on its own socketpair doing W2 through `UnixChannel`, while a ninth "
            "virtual thread waits on a channel nothing is sent to; ns per W2 op across all eight "
            "(smaller is more throughput) and W2 ops per second.", ""]
    one = results[0][2]
    body = []
    for name, text, r in results:
        if r is None:
            body.append([text, "not measured", "", "", ""])
            continue
        body.append([text, f"{fmt_ns(r.mean)}{fmt_pct(r.error_pct)}", f"{1e9 / r.mean:,.0f}",
                     fmt_ratio(ratio(one.mean, r.mean)) if one else NA, fmt_bytes(r.alloc)])
    single = d.result("OursChannel", WL["W2"])
    if single:
        body.append(["for scale: `OursChannel` W2, one thread", fmt_ns(single.mean),
                     f"{1e9 / single.mean:,.0f}", fmt_ratio(ratio(one.mean, single.mean)) if one else NA,
                     fmt_bytes(single.alloc)])
    out += md_table(["threads", "ns/op", "ops/s", "speed-up over 1 carrier", "B/op"], body) + [""]
    two = results[1][2]
    if one and two:
        out += [f"2 carriers against 1: {fmt_ratio(one.mean / two.mean)}\u00d7 the throughput "
                f"({fmt_ns(two.mean)} against {fmt_ns(one.mean)} ns/op; the machine has {cpu_count()}).",
                ""]
    return out


def section_w7(d: Data) -> list[str]:
    out = ["### W7: waiting (ping-pong)", ""]
    results = [(m, text, d.jmh.get("ChannelPingPong", m)) for m, text, _ in PINGPONG]
    if not any(r for _, _, r in results):
        return out + ["Not measured.", ""]
    out += ["A 1-byte ping-pong between two threads over one stream socketpair, each side waiting for "
            "the other on every message: \u00b5s per round trip, its ratio to the JDK's own "
            "`SocketChannel` on virtual threads (`jdkVirtual`), and the census's syscalls per round "
            "trip.", ""]
    jdk = d.jmh.get("ChannelPingPong", "jdkVirtual")
    body = []
    for method, text, r in results:
        c = d.census.get(f"ChannelPingPong W7 {method}")
        calls = fmt_call_list(c.get("io") or {}) if c else "?"
        if r is None:
            body.append([f"`{method}`", text, "not measured", "", "", calls])
            continue
        body.append([f"`{method}`", text, f"{r.mean / 1000:,.1f}{fmt_pct(r.error_pct)}",
                     fmt_ratio(ratio(r.mean, jdk.mean)) if jdk else NA, fmt_bytes(r.alloc), calls])
    return out + md_table(["benchmark", "what", "\u00b5s/round trip", "\u00d7 jdkVirtual",
                           "B/op", "syscalls per round trip"], body, "llrrrl") + [""]


def census_compare(io: dict[str, float], c_io: dict[str, float]) -> tuple[str, dict[str, float], dict[str, float]]:
    """("=", "≈" or "≠", the differences that count, the differences under the tolerance)."""
    diffs = {}
    for name in set(io) | set(c_io):
        delta = round(float(io.get(name, 0)) - float(c_io.get(name, 0)), 3)
        if delta != 0:
            diffs[name] = delta
    big = {n: v for n, v in diffs.items() if abs(v) >= CENSUS_TOLERANCE}
    small = {n: v for n, v in diffs.items() if abs(v) < CENSUS_TOLERANCE}
    return ("\u2260" if big else "\u2248" if small else "="), big, small


def fmt_diffs(diffs: dict[str, float]) -> str:
    return ", ".join(f"{'+' if v > 0 else chr(0x2212)}{n} {fmt_calls(abs(v))}"
                     for n, v in sorted(diffs.items(), key=lambda kv: (-abs(kv[1]), kv[0])))


def census_verdict(row: dict[str, Any], c_row: dict[str, Any] | None) -> str:
    io = row.get("io") or {}
    if c_row is None:
        return "no syscall" if not io else "(no C row)"
    sign, big, small = census_compare(io, c_row.get("io") or {})
    if sign == "=":
        return "= C"
    if sign == "\u2248":
        return f"\u2248 C (noise: {fmt_diffs(small)})"
    return f"\u2260 C ({fmt_diffs(big)})"


def census_order(d: Data) -> list[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    """(workload shown, census row, the C row to compare with), by workload then row order."""
    ordered = []
    seen = set()
    for w in WORKLOADS:
        c_row = d.census.get(f"C {w.c_case}")
        for row in ALL_ROWS:
            name = f"C {w.c_case}" if row == C else f"{row} {w.census}"
            if name in d.census and name not in seen:
                seen.add(name)
                ordered.append((w.key, d.census[name], None if row == C else c_row))
    for name, entry in d.census.items():
        if name not in seen:
            w = str(entry.get("workload") or "?")
            ordered.append((w, entry, None))
    return ordered


def section_census(d: Data) -> list[str]:
    out = ["### Syscall census", ""]
    if not d.census:
        return out + ["Not measured (no `census.json`).", ""]
    out += ["Syscalls per op under `strace -f -c`, from the difference of two untimed runs of different "
            "lengths, so set-up, verification and exit cancel out. \"io\" are the network and "
            "descriptor calls, compared with the C floor's for the same workload (\u2248: within "
            f"{CENSUS_TOLERANCE} per op, strace noise); \"other\" are the JVM's own threads (futex, "
            "mprotect\u2026), a difference of two runs and so noise that can be negative. W5 is per "
            "op of 32 datagrams; W7 per round trip; failed calls are those that returned an error "
            "(`EAGAIN` on a non-blocking socket before the poller parks the thread).", ""]
    body = []
    for w, entry, c_row in census_order(d):
        io = entry.get("io") or {}
        other = entry.get("other") or {}
        other_total = number(entry.get("other_per_op"))
        top = sorted(other.items(), key=lambda kv: -abs(kv[1]))[:2]
        other_text = "0" if not other else (fmt_calls(other_total if other_total is not None
                                                      else sum(other.values()))
                                            + " (" + ", ".join(f"{n} {fmt_calls(v)}" for n, v in top)
                                            + (", \u2026" if len(other) > 2 else "") + ")")
        errors = {n: v for n, v in (entry.get("errors_per_op") or {}).items() if n in io}
        name = entry["row"]
        if entry.get("impl") == "c" or name.startswith("C "):
            verdict = "(the reference)"
        elif c_row is None and w in WL:
            verdict = "(no C row)"
        else:
            verdict = census_verdict(entry, c_row)
        body.append([name, w, fmt_call_list(io), verdict, other_text, fmt_call_list(errors) if errors else ""])
    return out + md_table(["census row", "workload", "io calls per op", "against C", "other per op (JVM)",
                           "failed calls"], body, "llllll") + [""]


# --- targets ---------------------------------------------------------------------------------

HOLDS, FAILS, UNMEASURED = "holds", "does not hold", "not measured"


def verdict(fails: list[str], missing: list[str]) -> str:
    if fails:
        return FAILS
    return UNMEASURED if missing else HOLDS


def sentences(*parts: str) -> str:
    """The non-empty parts, each ended with a full stop."""
    return " ".join(p.rstrip(".") + "." for p in parts if p)


def listed(what: str, items: list[str], sep: str = ", ") -> str:
    return f"{what}: {sep.join(items)}" if items else ""


def batch_context(d: Data) -> str:
    """What batching buys the floors on this machine, the bound on what it can buy ours."""
    parts = []
    cs, cb = d.c(WL["W5"]), d.c(WL["W5-batch"])
    if cs and cb:
        parts.append(f"the C floor {fmt_ratio(cs.mean / cb.mean)}")
    fs, fb = d.result(FLOOR, WL["W5"]), d.result(FLOOR, WL["W5-batch"])
    if fs and fb:
        parts.append(f"the raw FFM floor {fmt_ratio(fs.mean / fb.mean)}")
    return "For comparison, singles / batch of " + " and ".join(parts) if parts else ""


def target_line(tag: str, text: str, status: str, detail: str) -> str:
    return f"- **({tag})** {text}: **{status}**. {detail}".rstrip()


def targets(d: Data) -> list[str]:
    lines = ["### Targets", "", "Computed from the figures above.", ""]

    # (a) NativeMessage and the channel's NativeMessage path at the floor, allocation-free.
    fails, missing, shown = [], [], []
    for row in ("OursNativeMessage", "OursChannelNative"):
        parts = []
        for w in WORKLOADS[:4]:
            r, x = d.result(row, w), d.best_floor(row, w)
            if r is None or x is None:
                missing.append(f"{row} {w.key}")
                continue
            alloc = r.alloc_median
            bad = x > BEST_FLOOR_LIMIT or (alloc is not None and alloc >= ZERO_BYTES)
            if alloc is None:
                missing.append(f"{row} {w.key} B/op")
            parts.append(f"{w.key} \u00d7{fmt_ratio(x)}, {fmt_bytes(alloc)} B" + (" (fails)" if bad else ""))
            if bad:
                fails.append(f"{row} {w.key}")
        if parts:
            shown.append(f"{row}: " + "; ".join(parts))
    lines.append(target_line("a", f"`OursNativeMessage` and `OursChannelNative` best \u00d7floor \u2264 "
                             f"{BEST_FLOOR_LIMIT} on W1\u2013W4, 0 B/op (the median iteration's)",
                             verdict(fails, missing),
                             sentences(" \u2014 ".join(shown), listed("Not measured", missing))))

    # (b) W0 within 10 ns.
    fails, missing, shown = [], [], []
    for method, base, count in (("encodeOurs", "encodeFloor", None), ("parseOurs", "parseFloor", "1"),
                                ("parseOurs", "parseFloor", "16")):
        params = (("count", count),) if count else ()
        r, f = d.jmh.get("Encoding", method, params), d.jmh.get("Encoding", base, params)
        name = f"{method} \u2212 {base}" + (f" (count {count})" if count else "")
        if not r or not f:
            missing.append(name)
            continue
        delta = r.mean - f.mean
        bad = delta > ENCODING_LIMIT_NS
        shown.append(f"{name} {fmt_signed(delta)} ns" + (" (fails)" if bad else ""))
        if bad:
            fails.append(name)
    lines.append(target_line("b", f"W0: ours within {ENCODING_LIMIT_NS:g} ns of the floor",
                             verdict(fails, missing),
                             sentences("; ".join(shown), listed("Not measured", missing))))

    # (c) Twisted within 15% on small messages.
    fails, missing, shown = [], [], []
    for w in (WL["W1"], WL["W2"]):
        x = d.times_floor("OursTwisted", w)
        if x is None:
            missing.append(w.key)
            continue
        bad = x > TWISTED_LIMIT
        shown.append(f"{w.key} \u00d7{fmt_ratio(x)}" + (" (fails)" if bad else ""))
        if bad:
            fails.append(w.key)
    # ... and on W3 no more over the floor than the two copies cost, on the same pre-touched heap.
    twisted = d.jmh.get("OursTwisted", "bytesW3PreTouched")
    copies = d.jmh.get("Encoding", "copiesW3")
    floor_w3 = d.result(FLOOR, WL["W3"])
    if twisted is None or copies is None or floor_w3 is None:
        missing.append("W3 (bytesW3PreTouched, copiesW3 and the floor's W3)")
    else:
        over = twisted.mean - floor_w3.mean
        bad = over > copies.mean
        shown.append(f"W3 on a pre-touched heap {fmt_ns(twisted.mean)} ns, {fmt_ns(over)} ns over the floor "
                     f"against {fmt_ns(copies.mean)} ns for the copies" + (" (fails)" if bad else ""))
        if bad:
            fails.append("W3")
    lines.append(target_line("c", f"`OursTwisted` mean \u00d7floor \u2264 {TWISTED_LIMIT} on W1/W2, and on W3 "
                             "no more over the floor than the two 64 KiB copies cost (`copiesW3`)",
                             verdict(fails, missing),
                             sentences("; ".join(shown), listed("Not measured", missing))))

    # (d) Our rows make exactly C's calls.
    fails, missing, near, checked = [], [], [], 0
    if d.census:
        for w, entry, c_row in census_order(d):
            if not entry["row"].startswith("Ours"):
                continue
            if c_row is None:
                missing.append(f"C row for {entry['row']}")
                continue
            checked += 1
            sign, big, small = census_compare(entry.get("io") or {}, c_row.get("io") or {})
            if sign == "\u2260":
                fails.append(f"{entry['row']} ({fmt_diffs(big)})")
            elif sign == "\u2248":
                near.append(f"{entry['row']} ({fmt_diffs(small)})")
        for row in OURS:
            for w in WORKLOADS:
                if d.result(row, w) and not d.census_row(row, w):
                    missing.append(f"{row} {w.census}")
    text = "every `Ours*` census row makes the C floor's io calls, name by name"
    if not d.census:
        lines.append(target_line("d", text, UNMEASURED, "No census."))
    else:
        lines.append(target_line("d", text, verdict(fails, missing) if checked else UNMEASURED, sentences(
            f"{checked} rows compared, call by call, within {CENSUS_TOLERANCE} per op",
            listed("Different", fails, "; "), listed("Within the noise", near, "; "), listed("Not counted", missing))))

    # (e) The best of ours beats every peer on what the peer can do.
    gaps, compared, missing = [], 0, []
    for peer in PEERS:
        for w in WORKLOADS[:5]:
            p = d.result(peer, w)
            if p is None:
                continue
            ours = [(d.result(o, w).mean, o) for o in OURS if d.result(o, w)]
            if not ours:
                missing.append(f"{w.key} (no ours row)")
                continue
            best, who = min(ours)
            compared += 1
            if p.mean < best:
                why = ""
                c, rw = d.c(w), d.floor.get(f"{w.key}-rw")
                if peer.startswith("Netty") and c and rw:
                    why = (f"; it calls write/read, and in C sendmsg/recvmsg cost \u00d7{fmt_ratio(ratio(c.mean, rw.mean))} "
                           f"of write/read on {w.key}")
                gaps.append(f"{peer} {w.key} {fmt_ns(p.mean)} ns < {who} {fmt_ns(best)} ns "
                            f"(the peer {100 * (best - p.mean) / best:.1f}% faster{why})")
    if not compared and not missing:
        missing.append("no peer result")
    detail = sentences(f"{compared} pairs of a peer and a workload (W5: single calls, which is what the peers have)",
                       listed("Where a peer is faster", gaps, "; "), listed("Not measured", sorted(set(missing))))
    lines.append(target_line("e", "on each workload a peer can do, the best ours row below the peer's mean",
                             FAILS if gaps else (UNMEASURED if not compared else HOLDS), detail))

    # (f) Batches.
    s, b = d.result("OursNativeMessage", WL["W5"]), d.result("OursNativeMessage", WL["W5-batch"])
    if s and b:
        x = s.mean / b.mean
        lines.append(target_line("f", f"W5: `OursNativeMessage` batch \u2265 {BATCH_LIMIT:g}\u00d7 cheaper per "
                                 "datagram than its single calls", HOLDS if x >= BATCH_LIMIT else FAILS,
                                 sentences(f"datagrams / datagramBatch = {fmt_ns(s.mean)} / "
                                           f"{fmt_ns(b.mean)} ns = {fmt_ratio(x)}", batch_context(d))))
    else:
        lines.append(target_line("f", f"W5: `OursNativeMessage` batch \u2265 {BATCH_LIMIT:g}\u00d7 cheaper per "
                                 "datagram than its single calls", UNMEASURED, ""))

    # (g) Two carriers.
    one = d.jmh.get("ManyThreadsOneCarrier", "channelVirtual")
    two = d.jmh.get("ManyThreadsTwoCarriers", "channelVirtual")
    if one and two:
        x = one.mean / two.mean
        lines.append(target_line("g", "W6: 2 carriers faster than 1", HOLDS if x > 1 else FAILS,
                                 f"{fmt_ns(one.mean)} ns/op on 1, {fmt_ns(two.mean)} on 2: "
                                 f"{fmt_ratio(x)}\u00d7."))
    else:
        lines.append(target_line("g", "W6: 2 carriers faster than 1", UNMEASURED, ""))

    # (h) The channel waits as cheaply as the JDK.
    ch = d.jmh.get("ChannelPingPong", "channelVirtual")
    jdk = d.jmh.get("ChannelPingPong", "jdkVirtual")
    if ch and jdk:
        lines.append(target_line("h", "W7: `channelVirtual` \u2264 `jdkVirtual`",
                                 HOLDS if ch.mean <= jdk.mean else FAILS,
                                 f"{ch.mean / 1000:,.1f} against {jdk.mean / 1000:,.1f} \u00b5s per round trip "
                                 f"(\u00d7{fmt_ratio(ch.mean / jdk.mean)})."))
    else:
        lines.append(target_line("h", "W7: `channelVirtual` \u2264 `jdkVirtual`", UNMEASURED, ""))
    return lines + [""]


def markdown(d: Data, images: list[tuple[str, str]], link: str) -> str:
    out = ["<!-- Generated by src/jmh/scripts/report.py from the suite's JSON files. -->", "",
           machine_line(d), ""]
    out += section_main(d)
    out += section_c(d)
    out += section_w0(d)
    out += section_w5(d)
    out += section_w6(d)
    out += section_w7(d)
    out += section_census(d)
    out += targets(d)
    unused = d.jmh.unused()
    if unused:
        d.notes.add("JMH results this report does not show: " + ", ".join(unused))
    if images:
        out += ["### Plots", ""]
        for name, alt in images:
            out += [f"![{alt}]({link}{name})", ""]
    if d.notes.items:
        out += ["### Notes", ""] + [f"- {n}" for n in d.notes.items] + [""]
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# The plots
# ---------------------------------------------------------------------------------------------

def plots(d: Data, img: str) -> list[tuple[str, str]]:
    """Draws every plot it has data for; returns (file name, description) of those written."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch
        from matplotlib.lines import Line2D
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
    except ImportError:
        d.notes.add("no plots: matplotlib is not installed (Debian: apt-get install python3-matplotlib)")
        return []
    os.makedirs(img, exist_ok=True)
    plt.rcParams.update({"font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8,
                         "xtick.labelsize": 8, "ytick.labelsize": 8, "figure.dpi": 100,
                         "axes.spines.top": False, "axes.spines.right": False})
    done: list[tuple[str, str]] = []

    def save(fig, name: str, alt: str) -> None:
        fig.savefig(os.path.join(img, name), dpi=100, metadata={"Software": None})
        plt.close(fig)
        done.append((name, alt))

    def thousands(x, _pos=None) -> str:
        if x == 0:
            return "0"
        if abs(x) >= 1e6:
            return f"{x / 1e6:g}M"
        if abs(x) >= 1e3:
            return f"{x / 1e3:g}k"
        return f"{x:g}"

    rows = [r for r in JAVA_ROWS if any(d.result(r, w) for w in WORKLOADS)]
    panels = [WL["W1"], WL["W2"], WL["W3"], WL["W4"], WL["W5"]]

    def grid(title: str, shown: list[str]):
        fig, axes = plt.subplots(2, 3, figsize=(10, 6.6), sharey=True)
        fig.suptitle(title, fontsize=11, fontweight="bold")
        axes = axes.ravel()
        ys = list(range(len(shown)))
        for ax in axes[:5]:
            ax.set_yticks(ys, [label(r) for r in shown])
            ax.set_ylim(len(shown) - 0.4, -0.6)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        for ax in (axes[1], axes[2], axes[4]):
            ax.tick_params(axis="y", length=0)
        axes[5].axis("off")
        return fig, axes

    def na(ax, y: float) -> None:
        ax.text(0.01, y, "n/a", transform=ax.get_yaxis_transform(), va="center", ha="left",
                fontsize=7, color="#999999")

    # --- bench-workloads.png
    if rows:
        fig, axes = grid("Mean time per op (ns; W5: ns per datagram), error bars: JMH 99.9% error", rows)
        for ax, w in zip(axes, panels):
            batch = WL["W5-batch"] if w.key == "W5" else None
            for y, row in enumerate(rows):
                r = d.result(row, w)
                b = d.result(row, batch) if batch else None
                h, dy = (0.38, -0.2) if b else (0.75, 0.0)
                if r:
                    ax.barh(y + dy, r.mean, height=h, color=COLOURS[row], xerr=r.error or None,
                            error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"})
                if b:
                    ax.barh(y + 0.2, b.mean, height=h, color=COLOURS[row], alpha=0.55, hatch="////",
                            edgecolor="white", linewidth=0, xerr=b.error or None,
                            error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"})
                if not r and not b:
                    na(ax, y)
            c = d.c(w)
            if c:
                ax.axvline(c.mean, color=COLOURS[C], linestyle="--", linewidth=1.1)
            if batch and d.c(batch):
                ax.axvline(d.c(batch).mean, color=COLOURS[C], linestyle=":", linewidth=1.3)
            ax.set_title(f"{w.title}" if w.key != "W5" else "W5: 32 datagrams of 64 B")
            ax.set_xlabel(w.unit)
            ax.xaxis.set_major_formatter(FuncFormatter(thousands))
            ax.set_xlim(left=0)
        key = [Patch(color="#777777", label="mean (ns), with JMH error"),
               Patch(facecolor="#777777", alpha=0.55, hatch="////", edgecolor="white",
                     label="W5: sendmmsg/recvmmsg batch"),
               Patch(color=COLOURS[FLOOR], label="raw FFM floor"),
               Patch(color=COLOURS["OursNativeMessage"], label="ours (blues)"),
               Patch(color=COLOURS["JnrPosix"], label="peers (other colours)")]
        if d.floor:
            key[2:2] = [Line2D([], [], color=COLOURS[C], linestyle="--", label="C floor (floor.c)"),
                        Line2D([], [], color=COLOURS[C], linestyle=":", label="C floor, W5 batch")]
        axes[5].legend(handles=key, loc="center", frameon=False, title="Key", fontsize=8.5)
        fig.tight_layout()
        save(fig, "bench-workloads.png", "Mean ns per op of every row on W1 to W5, the C floor dashed")

    # --- bench-ratio.png
    ratio_rows = [r for r in rows if r != FLOOR]
    if ratio_rows and any(d.result(FLOOR, w) for w in panels):
        fig, axes = grid("Time over the raw FFM floor's in the same run (\u00d7floor): bar = mean, "
                         "\u25c7 = best iteration", ratio_rows)
        values = [v for w in WORKLOADS for r in ratio_rows
                  for v in (d.times_floor(r, w), d.best_floor(r, w)) if v]
        # A linear scale keeps the resolution near 1.0 where the targets are; a far outlier is cut
        # at the edge and labelled with its value.
        low = min(values + [0.9]) - 0.03
        high = max([v for v in values if v <= RATIO_CAP] + [1.2]) + 0.08
        for ax, w in zip(axes, panels):
            batch = WL["W5-batch"] if w.key == "W5" else None
            for y, row in enumerate(ratio_rows):
                entries = [(w, 0.0, 0.75, 1.0)]
                if batch and d.result(row, batch):
                    entries = [(w, -0.2, 0.38, 1.0), (batch, 0.2, 0.38, 0.55)]
                drawn = False
                for ww, dy, h, alpha in entries:
                    m, b = d.times_floor(row, ww), d.best_floor(row, ww)
                    if m is None:
                        continue
                    drawn = True
                    ax.barh(y + dy, min(m, high) - 1.0, left=1.0, height=h, color=COLOURS[row],
                            alpha=alpha, hatch="////" if ww is batch else None, edgecolor="white",
                            linewidth=0)
                    if m > high:
                        ax.text(high - 0.02, y + dy, f"\u00d7{m:.2f} \u2192", va="center", ha="right",
                                fontsize=7, color="white", fontweight="bold")
                    if b is not None:
                        ax.plot([min(b, high)], [y + dy], marker="D", markersize=4, color="white",
                                markeredgecolor="black", markeredgewidth=0.9, linestyle="none",
                                zorder=3, clip_on=False)
                if not drawn:
                    na(ax, y)
            ax.axvline(1.0, color="black", linewidth=1.0)
            ax.axvline(BEST_FLOOR_LIMIT, color="#c00000", linewidth=1.0, linestyle="--")
            ax.set_xlim(low, high)
            ax.set_title(w.title if w.key != "W5" else "W5: 32 datagrams (hatched: batch)")
            ax.set_xlabel("\u00d7 floor")
        key = [Patch(color="#777777", label="mean \u00d7floor (bar from 1.0)"),
               Line2D([], [], marker="D", color="white", markeredgecolor="black", linestyle="none",
                      label="best iteration \u00d7floor"),
               Patch(facecolor="#777777", alpha=0.55, hatch="////", edgecolor="white",
                     label="W5: batch over the floor's batch"),
               Line2D([], [], color="black", label="1.0: the floor"),
               Line2D([], [], color="#c00000", linestyle="--", label=f"{BEST_FLOOR_LIMIT}: the target")]
        axes[5].legend(handles=key, loc="center", frameon=False, title="Key", fontsize=8.5)
        fig.tight_layout()
        save(fig, "bench-ratio.png", "Mean and best time over the raw FFM floor, per row and workload")

    # --- bench-scaling-*.png
    def scaling(name: str, method: str, param: str, prefix: str, xlabel: str, title: str,
                xticks: list[tuple[int, str]], alt: str) -> None:
        series = {row: d.jmh.series(row, method, param) for row in JAVA_ROWS}
        series = {row: pts for row, pts in series.items() if pts}
        c_pts = sorted((int(f.param), f.mean) for case, f in d.floor.items()
                       if case.startswith(prefix) and isinstance(f.param, (int, float)))
        if not series:
            d.notes.add(f"{name}: no {method} results by {param}; not drawn")
            return
        curves = any(len(p) > 2 for p in series.values())
        if not curves:
            d.notes.add(f"{name}: only the main run's points (no scaling results)")
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 6))
        fig.suptitle(title + ("" if curves else "\n(only the main run's points: no scaling results)"),
                     fontsize=11, fontweight="bold")
        floor_by = {x: r.mean for x, r in series.get(FLOOR, [])}
        handles = []
        if c_pts:
            h, = a1.plot([x for x, _ in c_pts], [y for _, y in c_pts], color=COLOURS[C], linestyle="--",
                         marker=MARKERS[C], markersize=5, linewidth=1.3, label=label(C))
            handles.append(h)
            rc = [(x, floor_by[x] / y) for x, y in c_pts if x in floor_by]
            if rc:
                a2.plot([x for x, _ in rc], [1 / v for _, v in rc], color=COLOURS[C], linestyle="--",
                        marker=MARKERS[C], markersize=5, linewidth=1.3)
        for row in JAVA_ROWS:
            pts = series.get(row)
            if not pts:
                continue
            xs = [x for x, _ in pts]
            style = {"color": COLOURS[row], "marker": MARKERS[row], "markersize": 5,
                     "linewidth": 1.8 if row in (FLOOR, "OursNativeMessage") else 1.2,
                     "zorder": 3 if row in (FLOOR, "OursNativeMessage") else 2}
            sparse = len(pts) <= 2 and curves
            if sparse:   # only the main run's sizes, among measured curves: dotted
                style["linestyle"] = ":"
            h, = a1.plot(xs, [r.mean for _, r in pts], label=label(row) + (
                f" ({len(pts)} point{'s' if len(pts) > 1 else ''})" if sparse else ""), **style)
            handles.append(h)
            rp = [(x, r.mean / floor_by[x]) for x, r in pts if x in floor_by]
            if rp and row != FLOOR:
                a2.plot([x for x, _ in rp], [v for _, v in rp], **style)
        a2.axhline(1.0, color=COLOURS[FLOOR], linewidth=1.4)
        for ax in (a1, a2):
            ax.set_xscale("log")
            ax.set_xticks([t for t, _ in xticks], [s for _, s in xticks])
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_xlabel(xlabel)
            ax.grid(color="#e4e4e4", linewidth=0.6, which="major")
        a1.set_yscale("log")
        a1.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        a1.yaxis.set_major_formatter(FuncFormatter(thousands))
        a1.yaxis.set_minor_formatter(NullFormatter())
        a1.set_ylabel("mean ns/op (log scale)")
        a1.set_title("time per op")
        a2.set_ylabel("\u00d7 raw FFM floor (same size)")
        a2.set_title("over the raw FFM floor (C floor dashed: C / FFM floor)")
        fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        fig.tight_layout(rect=(0, 0.13, 1, 1))
        save(fig, name, alt)

    scaling("bench-scaling-bytes.png", "bytes", "length", "bytes-", "bytes per message (each way)",
            "Stream bytes: ns per op against message size (log-log)",
            [(1, "1"), (64, "64"), (1024, "1Ki"), (16384, "16Ki"), (65536, "64Ki"), (262144, "256Ki"),
             (1048576, "1Mi")], "ns per op against bytes per message, every row and the C floor")
    scaling("bench-scaling-fds.png", "descriptors", "count", "fds-", "descriptors per message",
            "Descriptors: ns per op against descriptors per message (log-log), all received ones closed",
            [(1, "1"), (4, "4"), (16, "16"), (64, "64"), (253, "253")],
            "ns per op against descriptors per message, every row and the C floor")

    # --- bench-alloc.png
    if rows and any(d.result(r, w) and d.result(r, w).alloc is not None for r in rows for w in WORKLOADS):
        fig, axes = grid("Heap bytes allocated per op (JMH gc.alloc.rate.norm, B/op, symlog scale): "
                         "\u25cb = 0 B", rows)
        allocs = [d.result(r, w).alloc for r in rows for w in WORKLOADS
                  if d.result(r, w) and d.result(r, w).alloc is not None]
        top = max(allocs + [10.0])
        for ax, w in zip(axes, panels):
            batch = WL["W5-batch"] if w.key == "W5" else None
            for y, row in enumerate(rows):
                entries = [(w, 0.0, 0.75, 1.0, "0")]
                single, b = d.result(row, w), d.result(row, batch) if batch else None
                if b and b.alloc is not None:
                    if single and single.alloc is not None and max(single.alloc, b.alloc) < ZERO_BYTES:
                        entries = [(w, 0.0, 0.75, 1.0, "0, batch 0")]   # one marker for both
                    else:
                        entries = [(w, -0.2, 0.38, 1.0, "0"), (batch, 0.2, 0.38, 0.55, "0 (batch)")]
                drawn = False
                for ww, dy, h, alpha, zero in entries:
                    r = d.result(row, ww)
                    if r is None or r.alloc is None:
                        continue
                    drawn = True
                    if r.alloc < ZERO_BYTES:
                        ax.plot([0], [y + dy], marker="o", markersize=5.5, markerfacecolor="white",
                                markeredgecolor=COLOURS[row], markeredgewidth=1.5, linestyle="none",
                                clip_on=False, zorder=3)
                        ax.text(0.14, y + dy, zero, va="center", ha="left", fontsize=7, color="#333333")
                    else:
                        ax.barh(y + dy, r.alloc, height=h, color=COLOURS[row], alpha=alpha,
                                hatch="////" if ww is batch else None, edgecolor="white", linewidth=0)
                        ax.text(r.alloc * 1.12, y + dy, fmt_bytes(r.alloc), va="center", ha="left",
                                fontsize=7, color="#333333")
                if not drawn:
                    na(ax, y)
            ax.set_xscale("symlog", linthresh=1, linscale=0.6)
            ax.set_xlim(0, top * 8)
            ticks = [t for t in (0, 1, 10, 100, 1000, 10 ** 4, 10 ** 5, 10 ** 6, 10 ** 7) if t <= top * 8]
            ax.set_xticks(ticks, [thousands(t) for t in ticks])
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.tick_params(axis="x", which="minor", length=0)
            ax.set_title(w.title if w.key != "W5" else "W5: per datagram (hatched: batch)")
            ax.set_xlabel("B/op")
        key = [Patch(color="#777777", label="bytes per op (value at the bar's end)"),
               Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#444444",
                      linestyle="none", label="0 B/op (under 0.5)"),
               Patch(facecolor="#777777", alpha=0.55, hatch="////", edgecolor="white",
                     label="W5: batch"),
               Patch(color=COLOURS[FLOOR], label="raw FFM floor"),
               Patch(color=COLOURS["OursNativeMessage"], label="ours (blues)"),
               Patch(color=COLOURS["JnrPosix"], label="peers (other colours)")]
        axes[5].legend(handles=key, loc="center", frameon=False, title="Key", fontsize=8.5)
        fig.tight_layout()
        save(fig, "bench-alloc.png", "Heap bytes allocated per op, per row and workload")
    elif rows:
        d.notes.add("bench-alloc.png: no gc.alloc.rate.norm in the JMH results; not drawn")

    # --- bench-threads.png
    w6 = [(text, d.jmh.get(cls, method)) for cls, method, _, text in THREADS]
    w7 = [(m, text, colour, d.jmh.get("ChannelPingPong", m)) for m, text, colour in PINGPONG]
    if any(r for _, r in w6) or any(r for *_, r in w7):
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 5.2), gridspec_kw={"width_ratios": [1, 1.25]})
        w6_colours = ["#1764ab", "#3f8fd2", "#08306b"]
        top = max([r.mean for _, r in w6 if r] + [1])
        for y, ((text, r), colour) in enumerate(zip(w6, w6_colours)):
            if r is None:
                a1.text(0.01, y, "not measured", transform=a1.get_yaxis_transform(), va="center",
                        fontsize=8, color="#999999")
                continue
            a1.barh(y, r.mean, height=0.6, color=colour, xerr=r.error or None,
                    error_kw={"elinewidth": 0.8, "capsize": 3})
            a1.text(r.mean + (r.error or 0) + top * 0.03, y,
                    f"{fmt_ns(r.mean)} ns\n{1e9 / r.mean:,.0f} ops/s", va="center", fontsize=8)
        a1.set_yticks(range(len(w6)), [t.replace(", ", ",\n") for t, _ in w6])
        a1.set_ylim(len(w6) - 0.5, -0.5)
        a1.set_xlim(0, top * 1.5)
        a1.xaxis.set_major_formatter(FuncFormatter(thousands))
        a1.set_xlabel("ns per W2 op across all 8 threads (smaller: more throughput)")
        a1.set_title("W6: 8 threads doing W2 through UnixChannel")
        top = max([r.mean / 1000 for *_, r in w7 if r] + [1])
        jdk = d.jmh.get("ChannelPingPong", "jdkVirtual")
        for y, (m, text, colour, r) in enumerate(w7):
            if r is None:
                a2.text(0.01, y, "not measured", transform=a2.get_yaxis_transform(), va="center",
                        fontsize=8, color="#999999")
                continue
            a2.barh(y, r.mean / 1000, height=0.6, color=COLOURS[colour], xerr=r.error / 1000 if r.error else None,
                    error_kw={"elinewidth": 0.8, "capsize": 3})
            extra = f"  (\u00d7{fmt_ratio(r.mean / jdk.mean)} JDK)" if jdk and m != "jdkVirtual" else ""
            a2.text(r.mean / 1000 + (r.error or 0) / 1000 + top * 0.03, y,
                    f"{r.mean / 1000:,.1f} \u00b5s{extra}", va="center", fontsize=8)
        a2.set_yticks(range(len(w7)), [m for m, *_ in w7])
        a2.set_ylim(len(w7) - 0.5, -0.5)
        a2.set_xlim(0, top * 1.55)
        a2.set_xlabel("\u00b5s per round trip (1 byte each way)")
        a2.set_title("W7: ping-pong between two threads")
        for ax in (a1, a2):
            ax.grid(axis="x", color="#e4e4e4", linewidth=0.6)
            ax.set_axisbelow(True)
        fig.suptitle("Threads: throughput of 8 threads (W6) and the cost of waiting (W7); "
                     "error bars: JMH 99.9% error", fontsize=11, fontweight="bold")
        fig.tight_layout()
        save(fig, "bench-threads.png", "W6 ns per op on 1 and 2 carriers and 8 platform threads; "
             "W7 microseconds per round trip")
    return done


# ---------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tables (Markdown) and plots (PNG) from the benchmark "
                                                 "suite's JSON files.")
    parser.add_argument("--bench", required=True, metavar="DIR",
                        help="the folder of jmh-main.json, jmh-scaling-*.json, floor.json, census.json")
    parser.add_argument("--out", metavar="FILE", help="write the Markdown here (default: stdout)")
    parser.add_argument("--img", metavar="DIR", help="write the PNG plots here (default: no plots)")
    parser.add_argument("--classpath", metavar="CP", help="the benchmark class path, for the peers' versions")
    parser.add_argument("--img-link", default="img/", metavar="PREFIX",
                        help="how the Markdown links the plots (default: img/)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.bench):
        parser.error(f"--bench {args.bench}: not a folder")

    notes = Notes()
    jmh = Jmh()
    passes = sorted(os.path.join(args.bench, f) for f in os.listdir(args.bench)
                    if re.fullmatch(r"jmh-floor-\d+\.json", f))
    main_count = jmh.load_passes(passes, notes)
    main_count += jmh.load(os.path.join(args.bench, "jmh-main.json"), notes)
    if not main_count:
        notes.add("no results from jmh-main.json: W0\u2013W7 not measured")
    for name in ("jmh-scaling-bytes.json", "jmh-scaling-fds.json"):
        jmh.load(os.path.join(args.bench, name), notes)
    floor = load_floor(os.path.join(args.bench, "floor.json"), notes)
    census = load_census(os.path.join(args.bench, "census.json"), notes)
    if not args.classpath:
        notes.add("no --classpath: the peers' versions are not known (?)")
    d = Data(jmh, floor, census, versions(args.classpath, jmh.meta), notes)

    images = plots(d, args.img) if args.img else []
    text = markdown(d, images, args.img_link)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"report: {args.out}" + (f", {len(images)} plots in {args.img}" if args.img else ""),
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
