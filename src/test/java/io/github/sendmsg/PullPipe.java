package io.github.sendmsg;

import java.nio.charset.StandardCharsets;

/**
 * The child side of {@link ChildJvmHandoffTest}, Twisted's {@code pullpipe.py} in Java: connect to
 * the parent's socket, receive one descriptor, write a line into it, close it, exit 0.
 */
public final class PullPipe {

    private PullPipe() {
    }

    /**
     * @param args the parent's socket address: a path, or {@code "@name"}
     * @throws Exception on any failure, which makes the exit code non-zero
     */
    public static void main(String[] args) throws Exception {
        int socket = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        Posix.connect(socket, args[0]);
        ReceivedMessage message = SendMsg.recv1msg(socket);
        int[] fds = message.fileDescriptors();
        if (fds.length != 1) {
            throw new IllegalStateException("expected one descriptor, got " + fds.length + " in " + message);
        }
        Posix.write(fds[0], "Test fixture data: blonk.\n".getBytes(StandardCharsets.US_ASCII));
        Posix.close(fds[0]);
        Posix.close(socket);
    }
}
