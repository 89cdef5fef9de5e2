import io.github.sendmsg.UnixAddress;
import io.github.sendmsg.channel.Descriptor;
import io.github.sendmsg.channel.Received;
import io.github.sendmsg.channel.UnixChannel;
import io.github.sendmsg.channel.UnixServerChannel;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Hands an open file to another process. The parent opens the file; a child JVM, which never opens it
 * (nor learns its name), reads it through the descriptor it receives. Run from a built checkout:
 *
 *   bin/java docs/examples/HandAFile.java
 */
public class HandAFile {

    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            child(Path.of(args[0]));
            return;
        }
        Path dir = Files.createTempDirectory("hand-a-file-");
        Path file = Files.writeString(dir.resolve("note.txt"), "opened by the parent, read by the child\n");
        Path socket = dir.resolve("handoff.sock");
        try {
            parent(file, socket);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    // The parent: listen, start the child, send it the open file with one byte.
    static void parent(Path file, Path socket) throws Exception {
        try (UnixServerChannel server = UnixServerChannel.bind(UnixAddress.of(socket))) {
            Process child = startChild(socket);
            server.setTimeout(Duration.ofSeconds(30));   // a child that dies before connecting: no endless wait
            try (UnixChannel toChild = server.accept();
                 Descriptor open = Descriptor.open(file)) {
                toChild.write(ByteBuffer.wrap(new byte[] {'!'}), open);   // the child gets its own copy
            }
            child.getInputStream().transferTo(System.out);
            System.out.println("parent: the child exited with " + child.waitFor());
        }
    }

    // The child: connect, receive the byte and the descriptor, read the file through it.
    static void child(Path socket) throws Exception {
        try (UnixChannel fromParent = UnixChannel.connect(UnixAddress.of(socket));
             Received received = fromParent.receive(ByteBuffer.allocate(1), 1)) {
            Descriptor file = received.descriptor();          // a new number in this process
            try (InputStream in = file.toInputStream()) {
                System.out.print("child: read through fd " + file.fd() + ": " + new String(in.readAllBytes()));
            }
        }
    }

    /** This same program, in a second JVM, as {@code child}. */
    static Process startChild(Path socket) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // Run from its source file, the JDK names the file (older JDKs only in sun.java.command).
        String self = System.getProperty("jdk.launcher.sourcefile");
        String[] command = System.getProperty("sun.java.command", "").split(" ");
        if (self == null && command.length > 1 && command[0].endsWith("SourceLauncher")) {
            self = command[1];
        }
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                self != null ? self : HandAFile.class.getName(), socket.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();   // its errors show at once
    }
}
