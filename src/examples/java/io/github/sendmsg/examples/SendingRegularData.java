package io.github.sendmsg.examples;

import io.github.sendmsg.Posix;
import io.github.sendmsg.ReceivedMessage;
import io.github.sendmsg.SendMsg;

import java.nio.charset.StandardCharsets;

/**
 * The how-to's first example: {@code send1msg}/{@code recv1msg} used as {@code send}/{@code recv}.
 * Prints what the Python prints:
 * <pre>
 * Sent 12 bytes
 * Received 'Hello, world'
 * Extra stuff, boring in this case 0 []
 * </pre>
 */
public final class SendingRegularData {

    private SendingRegularData() {
    }

    /**
     * Sends "Hello, world" over a socket pair and receives it.
     *
     * @param args ignored
     * @throws Exception if a system call fails
     */
    public static void main(String[] args) throws Exception {
        int[] pair = Posix.socketpair();
        int foo = pair[0];
        int bar = pair[1];
        try {
            int sent = SendMsg.send1msg(foo, "Hello, world".getBytes(StandardCharsets.US_ASCII));
            System.out.println("Sent " + sent + " bytes");
            ReceivedMessage received = SendMsg.recv1msg(bar, 1024);
            System.out.println("Received " + PythonRepr.of(received.data()));
            System.out.println("Extra stuff, boring in this case " + received.flags() + " " + received.ancillary());
        } finally {
            Posix.close(foo);
            Posix.close(bar);
        }
    }
}
