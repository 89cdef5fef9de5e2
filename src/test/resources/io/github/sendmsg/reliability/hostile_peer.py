"""A hostile CPython peer for HostilePeerTest: `hostile_peer.py <@name> <mode> [args...]`.

It connects to the abstract AF_UNIX name (SOCK_SEQPACKET, or SOCK_STREAM for "die"), waits for
one byte from Java ("go"), then misbehaves. Every outcome goes to stdout, one line each, flushed.

  garbage        sends one record per kind of ancillary data in KINDS, tagged "k<index>", then "END";
                 prints "kind <index> <name> <outcome>" (outcome: "sent" or the errno name) and, for
                 the descriptors it sent, "target <index> <target>" ("pipe:[123]").
  flood <n> <k>  sends n records of k descriptors each (copies of one pipe end), then "END";
                 prints "flood <n> <k> <target>".
  die <where>    (stream) sends part of a Frames frame (4-byte big-endian length, then payload),
                 with 3 descriptors on its first byte, prints "partial <bytes> <fds> <targets,>"
                 and sleeps until killed. where: "payload" (header and 10 of 100 payload bytes),
                 "header" (2 bytes of the header), "between" (one whole frame, then nothing).
  forge          states credentials it may not have, one record per attempt tagged "c<index>", then
                 "END"; prints "cred <index> <name> <pid> <uid> <gid> <outcome>" and "me <pid> <uid> <gid>".
"""
import array
import errno
import os
import signal
import socket
import struct
import sys
import time


def out(*words):
    print(*words, flush=True)


def errname(e):
    return errno.errorcode.get(e.errno, str(e.errno))


def ints(*values):
    return array.array("i", values).tobytes()


address, mode, args = sys.argv[1], sys.argv[2], sys.argv[3:]
kind = socket.SOCK_STREAM if mode == "die" else socket.SOCK_SEQPACKET
sock = socket.socket(socket.AF_UNIX, kind)
sock.connect("\0" + address[1:])
sock.recv(1)  # Java says go once it is ready.

SOL_SOCKET, SCM_RIGHTS, SCM_CREDENTIALS = socket.SOL_SOCKET, socket.SCM_RIGHTS, socket.SCM_CREDENTIALS

if mode == "garbage":
    r, w = os.pipe()
    target = os.readlink("/proc/self/fd/%d" % r)
    me = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    KINDS = [
        ("rights-1", [(SOL_SOCKET, SCM_RIGHTS, ints(r))]),
        ("rights-partial-int-3-bytes", [(SOL_SOCKET, SCM_RIGHTS, b"\x01\x02\x03")]),
        ("rights-1-plus-2-stray-bytes", [(SOL_SOCKET, SCM_RIGHTS, ints(r) + b"\xff\xff")]),
        ("rights-empty", [(SOL_SOCKET, SCM_RIGHTS, b"")]),
        ("rights-bad-fd-99999", [(SOL_SOCKET, SCM_RIGHTS, ints(99999))]),
        ("rights-negative-fd", [(SOL_SOCKET, SCM_RIGHTS, ints(-1))]),
        ("rights-two-cmsgs", [(SOL_SOCKET, SCM_RIGHTS, ints(r)), (SOL_SOCKET, SCM_RIGHTS, ints(w))]),
        ("rights-254-fds", [(SOL_SOCKET, SCM_RIGHTS, ints(*([r] * 254)))]),
        ("sol-socket-unknown-type-99", [(SOL_SOCKET, 99, b"junk")]),
        ("sol-socket-scm-security-3", [(SOL_SOCKET, 3, b"label\x00")]),
        ("sol-socket-scm-pidfd-4", [(SOL_SOCKET, 4, ints(0))]),
        ("credentials-own", [(SOL_SOCKET, SCM_CREDENTIALS, me)]),
        ("credentials-5-bytes", [(SOL_SOCKET, SCM_CREDENTIALS, b"12345")]),
        ("sol-ip-ttl", [(socket.IPPROTO_IP, 2, ints(64))]),
        ("sol-ipv6-hoplimit", [(socket.IPPROTO_IPV6, 52, ints(64))]),
        ("level-0xdead-type-7", [(0xDEAD, 7, b"xyz")]),
        ("level-minus-1-type-minus-1", [(-1, -1, b"\x00" * 16)]),
        ("unknown-then-rights", [(0xDEAD, 7, b"xyz"), (SOL_SOCKET, SCM_RIGHTS, ints(r))]),
        ("rights-then-unknown", [(SOL_SOCKET, SCM_RIGHTS, ints(r)), (0xDEAD, 7, b"xyz")]),
        ("empty-data-unknown", [(0xDEAD, 7, b"")]),
    ]
    out("target", target)
    for index, (name, ancillary) in enumerate(KINDS):
        try:
            sock.sendmsg([b"k%d" % index], ancillary)
            outcome = "sent"
        except OSError as e:
            outcome = errname(e)
        except (OverflowError, ValueError) as e:
            outcome = "python-refused"
        out("kind", index, name, outcome)
    sock.send(b"END")
elif mode == "flood":
    n, k = int(args[0]), int(args[1])
    r, w = os.pipe()
    rights = [(SOL_SOCKET, SCM_RIGHTS, ints(*([r] * k)))]
    for i in range(n):
        sock.sendmsg([b"f%d" % i], rights)
    sock.send(b"END")
    out("flood", n, k, os.readlink("/proc/self/fd/%d" % r))
elif mode == "die":
    where = args[0]
    pipes = [os.pipe() for _ in range(3)]
    fds = [p[0] for p in pipes]
    targets = ",".join(os.readlink("/proc/self/fd/%d" % fd) for fd in fds)
    payload = bytes(range(100))
    frame = struct.pack(">I", len(payload)) + payload
    part = {"payload": frame[:14], "header": frame[:2], "between": frame}[where]
    sock.sendmsg([part], [(SOL_SOCKET, SCM_RIGHTS, ints(*fds))])
    out("partial", len(part), len(fds), targets)
    while True:
        time.sleep(60)  # Java kills us here.
elif mode == "forge":
    pid, uid, gid = os.getpid(), os.getuid(), os.getgid()
    out("me", pid, uid, gid)
    ATTEMPTS = [
        ("own", pid, uid, gid),
        ("pid-1", 1, uid, gid),
        ("uid-0", pid, 0, gid),
        ("gid-0", pid, uid, 0),
        ("uid-12345", pid, 12345, gid),
        ("pid-nonexistent", 0x3FFFFFF0, uid, gid),
    ]
    for index, (name, p, u, g) in enumerate(ATTEMPTS):
        try:
            sock.sendmsg([b"c%d" % index], [(SOL_SOCKET, SCM_CREDENTIALS, struct.pack("3i", p, u, g))])
            outcome = "sent"
        except OSError as e:
            outcome = errname(e)
        out("cred", index, name, p, u, g, outcome)
    sock.send(b"END")
else:
    out("unknown mode", mode)
    sys.exit(2)
