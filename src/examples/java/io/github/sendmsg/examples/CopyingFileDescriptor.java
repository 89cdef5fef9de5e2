package io.github.sendmsg.examples;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceivedMessage;
import io.github.sendmsg.SendMsg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The how-to's second example: copying a pipe's read end over a socket pair with {@code SCM_RIGHTS},
 * then reading half of a line through the original and half through the copy. Prints (descriptor
 * numbers vary):
 * <pre>
 * Read from original (5): 'Hello,'
 * Read from duplicate (7): ' world'
 * </pre>
 */
public final class CopyingFileDescriptor {

    private CopyingFileDescriptor() {
    }

    /**
     * Copies a descriptor and shows that the copy reads the same pipe.
     *
     * @param args ignored
     * @throws Exception if a system call fails
     */
    public static void main(String[] args) throws Exception {
        int[] pair = Posix.socketpair();
        int foo = pair[0];
        int bar = pair[1];
        int[] pipe = Posix.pipe();
        int reader = pipe[0];
        int writer = pipe[1];

        // Send a copy of the descriptor. Notice that there must be at least one byte of normal data
        // passed in. The descriptor travels as a native-order packed int, Python's pack("i", reader).
        byte[] packed = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(reader).array();
        SendMsg.send1msg(foo, new byte[] {0}, 0,
                List.of(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, packed)));

        // Receive the copy, including that one byte of normal data.
        ReceivedMessage message = SendMsg.recv1msg(bar, 1024);
        int duplicate = ByteBuffer.wrap(message.ancillary().get(0).data()).order(ByteOrder.nativeOrder()).getInt();

        // Demonstrate that the copy works just like the original.
        Posix.write(writer, "Hello, world".getBytes(StandardCharsets.US_ASCII));
        System.out.printf("Read from original (%d): %s%n", reader, PythonRepr.of(Posix.read(reader, 6)));
        System.out.printf("Read from duplicate (%d): %s%n", duplicate, PythonRepr.of(Posix.read(duplicate, 6)));

        for (int fd : new int[] {foo, bar, reader, writer, duplicate}) {
            Posix.close(fd);
        }
    }
}
