"""Fills the kernel's count of descriptors in flight: `inflight_sender.py [per_message]`.

Keeps sending a pipe's read end (per_message copies per message, default 1) with one byte over a
socketpair whose other end nobody reads, with MSG_DONTWAIT, until sendmsg fails. Run as an
unprivileged user under a low RLIMIT_NOFILE, the failure is ETOOMANYREFS. Then reads back one
message (closing what arrives) and sends once more, to show the limit lifts as descriptors land.
Prints: "sent <n> failed <ERRNO> limit <soft> recovered <yes|ERRNO>".
"""
import array
import errno
import os
import resource
import socket
import sys

per_message = int(sys.argv[1]) if len(sys.argv) > 1 else 1
left, right = socket.socketpair()
r, w = os.pipe()
rights = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r] * per_message).tobytes())]
sent = 0
failure = "none"
while sent < 100000:
    try:
        left.sendmsg([b"x"], rights, socket.MSG_DONTWAIT)
        sent += 1
    except OSError as e:
        failure = errno.errorcode.get(e.errno, str(e.errno))
        break
# Take one message off the queue: its descriptors leave flight (and are closed here).
data, ancdata, flags, _ = right.recvmsg(1, socket.CMSG_SPACE(4 * per_message))
for level, kind, payload in ancdata:
    if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
        for fd in array.array("i", payload[: len(payload) - len(payload) % 4]):
            os.close(fd)
try:
    left.sendmsg([b"x"], rights, socket.MSG_DONTWAIT)
    recovered = "yes"
except OSError as e:
    recovered = errno.errorcode.get(e.errno, str(e.errno))
soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
print("sent %d failed %s limit %d recovered %s" % (sent, failure, soft, recovered), flush=True)
