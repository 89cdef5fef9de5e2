"""A CPython datagram peer: `datagram_peer.py <java-address> <own-address>`.

Binds an AF_UNIX datagram socket to <own-address>, sends "ping" with a pipe's read end to
<java-address>, writes "through the pipe" into the pipe, then waits for Java's reply and prints
"ok reply=<data> from=<address>". Addresses starting with "@" are abstract names.
"""
import array
import os
import socket
import sys


def native(address):
    return "\0" + address[1:] if address.startswith("@") else address


def readable(address):
    if isinstance(address, bytes):
        address = address.decode()
    return "@" + address[1:] if address.startswith("\0") else address


java_address, own_address = sys.argv[1], sys.argv[2]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(native(own_address))
r, w = os.pipe()
sock.sendmsg([b"ping"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r]).tobytes())], 0,
             native(java_address))
os.write(w, b"through the pipe")
os.close(w)
os.close(r)
data, ancillary, flags, sender = sock.recvmsg(64, 0)
print("ok reply=%s from=%s" % (data.decode(), readable(sender)))
