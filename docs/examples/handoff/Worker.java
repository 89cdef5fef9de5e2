import io.github.sendmsg.UnixAddress;
import io.github.sendmsg.channel.Received;
import io.github.sendmsg.channel.UnixChannel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The worker of Parent.java: takes an open file and a listening socket from the parent, then serves one
 * client with nothing but JDK classes (FileChannel, ServerSocketChannel), on a virtual thread.
 */
public class Worker {
    public static void main(String[] args) throws Exception {
        try (UnixChannel fromParent = UnixChannel.connect(UnixAddress.of(Path.of(args[0])));
             Received handed = fromParent.receive(ByteBuffer.allocate(64), 2)) {
            // The descriptors are the worker's own now; the JDK objects made of them own copies.
            String config;
            try (FileChannel file = handed.descriptors().get(0).toFileChannel()) {
                ByteBuffer text = ByteBuffer.allocate(1024);
                file.read(text);
                config = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8);
            }
            ServerSocketChannel listener = handed.descriptors().get(1).toServerSocketChannel();
            handed.close();

            Thread server = Thread.ofVirtual().start(() -> {
                try (listener; SocketChannel connection = listener.accept()) {
                    BufferedReader request = new BufferedReader(new InputStreamReader(Channels.newInputStream(connection),
                            StandardCharsets.US_ASCII));
                    String line = request.readLine();
                    String answer = "worker " + ProcessHandle.current().pid() + " answers '" + line + "' with " + config + "\n";
                    connection.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            server.join();
            System.out.println("worker: served one client from the handed-over listener");
        }
    }
}
