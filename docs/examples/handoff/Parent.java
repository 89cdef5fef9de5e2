import io.github.sendmsg.UnixAddress;
import io.github.sendmsg.channel.Descriptor;
import io.github.sendmsg.channel.UnixChannel;
import io.github.sendmsg.channel.UnixServerChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Hands an open file and a listening socket to a worker process, which serves from them; the parent
 * keeps neither. The pattern of a privileged helper (it may open what the worker may not) and of a
 * zero-downtime restart (the listener, and its queue of connections, outlive the process that made it).
 *
 *   bin/java docs/examples/handoff/Parent.java [java|python]
 *
 * With "java" (the default) the worker is Worker.java, plain JDK code once it has the descriptors; with
 * "python" it is worker.py, which takes them with CPython's socket.recv_fds.
 */
public class Parent {
    public static void main(String[] args) throws Exception {
        Path here = Path.of(System.getProperty("handoff.dir", "docs/examples/handoff"));
        Path config = Files.writeString(Files.createTempFile("handoff-config-", ".txt"), "greeting=hello from the config file");
        Path socketPath = Files.createTempDirectory("handoff-").resolve("parent.sock");

        // What the parent opens: a file, and a TCP listener that clients will connect to.
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

        try (UnixServerChannel handOff = UnixServerChannel.bind(UnixAddress.of(socketPath))) {
            Process worker = startWorker(args.length > 0 ? args[0] : "java", here, socketPath);
            handOff.setTimeout(Duration.ofSeconds(30));   // a worker that dies before connecting: no endless wait
            try (UnixChannel toWorker = handOff.accept()) {
                // Both descriptors go with one byte of "take these"; writeAndClose moves them: the
                // worker's copies are the only ones left once the parent closes the JDK listener below.
                toWorker.writeAndClose(ByteBuffer.wrap("take these".getBytes(StandardCharsets.US_ASCII)),
                        Descriptor.open(config), Descriptor.of(listener));
            }
            listener.close();
            System.out.println("parent: handed the file and the listener on port " + port + " to the worker");

            // A client of the service: it connects to the port the parent opened and the worker now serves.
            try (SocketChannel client = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                client.write(ByteBuffer.wrap("GET greeting\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer reply = ByteBuffer.allocate(256);
                while (client.read(reply) > 0) {
                    // until the worker closes the connection
                }
                reply.flip();
                System.out.print("client: " + StandardCharsets.US_ASCII.decode(reply));
            }
            System.out.print(new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            if (worker.waitFor() != 0) {
                throw new IllegalStateException("the worker failed (its errors are above)");
            }
        } finally {
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(socketPath.getParent());
            Files.deleteIfExists(config);
        }
    }

    private static Process startWorker(String kind, Path here, Path socketPath) throws Exception {
        ProcessBuilder builder = kind.equals("python")
                ? new ProcessBuilder("python3", here.resolve("worker.py").toString(), socketPath.toString())
                : new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                        "-cp", System.getProperty("java.class.path"), here.resolve("Worker.java").toString(), socketPath.toString());
        return builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();   // its errors show at once
    }
}
