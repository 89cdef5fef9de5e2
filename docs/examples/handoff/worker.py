"""The worker of Parent.java, in CPython: takes an open file and a listening socket with
socket.recv_fds, then serves one client from them with plain Python sockets."""
import os
import socket
import sys

with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as from_parent:
    from_parent.connect(sys.argv[1])
    data, fds, flags, address = socket.recv_fds(from_parent, 64, 2)

with os.fdopen(fds[0], encoding="utf-8") as config_file:
    config = config_file.read()

with socket.socket(fileno=fds[1]) as listener:
    connection, _ = listener.accept()
    with connection:
        line = connection.makefile("r", encoding="ascii").readline().rstrip("\n")
        answer = "worker %d answers '%s' with %s\n" % (os.getpid(), line, config)
        connection.sendall(answer.encode("ascii"))

print("worker: served one client from the handed-over listener (python)")
