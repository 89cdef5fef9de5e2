"""A peer nobody on this project wrote the socket code of: CPython's socket module, or Twisted's
twisted.python.sendmsg. The Java tests start it as `peer.py <library> <mode> <socket-address> [arg]`.

<library> is "cpython" (socket.sendmsg/recvmsg) or "twisted" (twisted.python.sendmsg).
<socket-address> is an AF_UNIX path, or "@name" for an abstract name. The peer connects, does what
<mode> says, prints one line "ok ..." on success, and exits 0.
"""
import array
import os
import socket
import sys

library, mode, address = sys.argv[1], sys.argv[2], sys.argv[3]
extra = sys.argv[4] if len(sys.argv) > 4 else None

if library == "twisted":
    from twisted.python import sendmsg as twisted_sendmsg

    def send(sock, data, ancillary):
        return twisted_sendmsg.sendmsg(sock, data, ancillary, 0)

    def receive(sock, max_size, cmsg_size):
        message = twisted_sendmsg.recvmsg(sock, max_size, cmsg_size, 0)
        return message.data, message.ancillary, message.flags
else:
    def send(sock, data, ancillary):
        return sock.sendmsg([data], ancillary)

    def receive(sock, max_size, cmsg_size):
        data, ancillary, flags, _ = sock.recvmsg(max_size, socket.CMSG_SPACE(cmsg_size))
        return data, ancillary, flags


def rights(*fds):
    return (socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes())


def received_fds(ancillary):
    fds = array.array("i")
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
    return list(fds)


sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect("\0" + address[1:] if address.startswith("@") else address)

if mode == "send-file":
    # A file opened here, passed to Java, which reads it through the copy.
    with open(extra, "rb") as f:
        send(sock, b"F", [rights(f.fileno())])
    print("ok sent file")
elif mode == "send-pipes-one-message" or mode == "send-pipes-two-messages":
    pipes = [os.pipe() for _ in range(4)]
    readers = [r for r, _ in pipes]
    if mode == "send-pipes-one-message":
        ancillary = [rights(*readers)]
    else:
        ancillary = [rights(*readers[:2]), rights(*readers[2:])]
    send(sock, b"P", ancillary)
    for i, (_, w) in enumerate(pipes):
        os.write(w, b"pipe %d" % i)
        os.close(w)
    for r in readers:
        os.close(r)
    print("ok sent 4 pipes")
elif mode == "send-partial-int":
    # CPython's testFDPassPartialInt: 3 bytes of a 4-byte descriptor.
    r, w = os.pipe()
    send(sock, b"x", [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r]).tobytes()[:3])])
    print("ok sent partial int")
elif mode == "send-empty-rights":
    send(sock, b"e", [(socket.SOL_SOCKET, socket.SCM_RIGHTS, b"")])
    print("ok sent empty rights")
elif mode == "receive":
    # Java sends pipe write ends; write a marker through each, report what arrived.
    data, ancillary, flags = receive(sock, 1024, 4 * 16)
    fds = received_fds(ancillary)
    for i, fd in enumerate(fds):
        os.write(fd, b"from %s %d" % (library.encode(), i))
        os.close(fd)
    print("ok received %r flags=%d fds=%d" % (data, flags, len(fds)))
else:
    sys.exit("unknown mode " + mode)

# Wait for the Java side to finish reading before the connection goes.
sock.recv(1)
sock.close()
