"""A hostile CPython peer: `hostile_peer.py <@name> <mode>`, connected to an abstract stream socket.

garbage: tries ancillary kinds the receiver never asked for; prints what the kernel let through.
flood:   sends 50 messages of 253 descriptors each as fast as it can; prints "ok flood 50x253".
die:     sends the start of a frame (length 1000, 10 bytes) with a descriptor, then dies at once.
"""
import array
import os
import socket
import struct
import sys

address, mode = sys.argv[1], sys.argv[2]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect("\0" + address[1:])
r, w = os.pipe()

if mode == "garbage":
    results = []
    for name, level, kind in [("ip-level", socket.IPPROTO_IP, 1), ("level-12345", 12345, 7),
                              ("sol-socket-type-99", socket.SOL_SOCKET, 99)]:
        try:
            sock.sendmsg([b"g"], [(level, kind, b"\xde\xad\xbe\xef" * 4)])
            results.append(name + "=sent")
        except OSError as e:
            results.append(name + "=" + os.strerror(e.errno).replace(" ", "_"))
    sock.sendmsg([b"."])
    print("ok " + " ".join(results))
    sock.recv(1)
elif mode == "flood":
    fds = array.array("i", [r] * 253).tobytes()
    for _ in range(50):
        sock.sendmsg([b"f"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
    print("ok flood 50x253")
    sock.recv(1)
elif mode == "die":
    # A socket, not a pipe, so the receiver can count it apart from the pipes of child processes.
    a, b = socket.socketpair()
    sock.sendmsg([struct.pack(">I", 1000) + b"x" * 10],
                 [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [a.fileno()]).tobytes())])
    print("ok died", flush=True)
    os._exit(0)
