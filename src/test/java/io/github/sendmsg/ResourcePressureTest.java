package io.github.sendmsg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resource pressure (edge case 23): a receiver at its descriptor limit gets the descriptors that fit
 * and {@code MSG_CTRUNC}, never a crash; a sender with too many descriptors in flight gets
 * {@code ETOOMANYREFS} as an {@link ErrnoException}. Both run in child JVMs under a low
 * {@code RLIMIT_NOFILE} set with {@code prlimit}; the second as the unprivileged user 65534.
 */
@ExtendWith(NoFdLeaks.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ResourcePressureTest {

    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @Test
    void aReceiverAtItsDescriptorLimitGetsTheOnesThatFitAndCtrunc() throws Exception {
        assumeTrue(Files.isExecutable(PRLIMIT), "prlimit (util-linux) sets the child's RLIMIT_NOFILE");
        String address = "@sendmsg-near-limit-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int listener = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        int[] pipes = new int[0];
        int connection = -1;
        Process child = null;
        try {
            Posix.bind(listener, address);
            Posix.listen(listener, 1);
            child = java(List.of(PRLIMIT.toString(), "--nofile=256:256", "--"), classPath(), NearFdLimitChild.class, address);
            connection = Posix.accept(listener);
            String ready = new String(SendMsg.recv1msg(connection, 16).data(), StandardCharsets.US_ASCII);
            if (!ready.equals("ready")) {
                finish(child);
            }
            assertThat(ready).as("the child filled its table and is ready").isEqualTo("ready");
            pipes = Posix.pipe();
            int[] five = new int[5];
            Arrays.fill(five, pipes[0]);
            SendMsg.send1msg(connection, new byte[] {1}, 0, List.of(ControlMessage.rights(five)));

            String report = finish(child);
            DescriptorSoakTest.figure("rlimit-receiver", "a child JVM with RLIMIT_NOFILE 256 and 2 free slots was sent 5"
                    + " descriptors: " + report + ", exit code 0");
            assertThat(report).as("the child got what fit, and was told the rest was cut").matches("received=[12] ctrunc=true");
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            Fds.closeAll(listener, connection);
            Fds.closeAll(pipes);
        }
    }

    @Test
    void aSenderWithTooManyDescriptorsInFlightGetsEtoomanyrefs() throws Exception {
        assumeTrue(Files.isExecutable(PRLIMIT) && Files.isExecutable(SETPRIV) && isRoot(),
                "running a child as an unprivileged user needs root, setpriv and prlimit (util-linux); CI runs as root");
        Path classes = worldReadableCopy();
        try {
            Process child = java(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                    PRLIMIT.toString(), "--nofile=128:128", "--"), classes.toString(), TooManyInFlightChild.class);
            String report = finish(child);
            DescriptorSoakTest.figure("etoomanyrefs", "uid 65534 with RLIMIT_NOFILE 128 sending one descriptor per message"
                    + " that nobody reads: " + report);
            assertThat(report).as("the kernel's refusal, as an ErrnoException naming the call")
                    .matches("sent=1\\d\\d error=ETOOMANYREFS call=sendmsg");
        } finally {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }

    private static String classPath() {
        return System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
    }

    /** The build's classes, copied where user 65534 can read them (a checkout may sit in a private home). */
    private static Path worldReadableCopy() throws IOException {
        Path copy = Files.createTempDirectory("sendmsg-classes",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        for (String entry : classPath().split(java.io.File.pathSeparator)) {
            Path root = Path.of(entry);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(root.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        return copy;
    }

    private static Process java(List<String> prefix, String classPath, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String finish(Process child) throws Exception {
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        Fds.closePipes(child);
        assertThat(child.exitValue()).as("the child's exit code (no crash); stderr:%n%s", stderr).isZero();
        return stdout;
    }
}
