"""Sends credentials to Java over an abstract AF_UNIX stream socket: `credentials_peer.py <@name> <mode>`.

mode "own":    states its own (pid, uid, gid) with SCM_CREDENTIALS; prints "ok <pid> <uid> <gid>".
mode "forged": states pid 1 (not its own); prints "ok EPERM" if the kernel refuses with EPERM,
               "sent" if the kernel let it through, or the errno name.
mode "plain":  sends a byte with no ancillary data; prints "ok <pid> <uid> <gid>".
It waits for one byte from Java before sending, and for another before exiting.
"""
import errno
import os
import socket
import struct
import sys

address, mode = sys.argv[1], sys.argv[2]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect("\0" + address[1:])
sock.recv(1)  # Java says go once its side is set up (SO_PASSCRED must be on before we send).
me = (os.getpid(), os.getuid(), os.getgid())
if mode == "own":
    sock.sendmsg([b"c"], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, struct.pack("3i", *me))])
    print("ok %d %d %d" % me)
elif mode == "plain":
    sock.sendmsg([b"p"])
    print("ok %d %d %d" % me)
elif mode == "forged":
    try:
        sock.sendmsg([b"f"], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, struct.pack("3i", 1, me[1], me[2]))])
        print("sent")
    except OSError as e:
        print("ok EPERM" if e.errno == errno.EPERM else errno.errorcode.get(e.errno, str(e.errno)))
sock.recv(1)
