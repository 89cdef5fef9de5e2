package io.github.sendmsg.channel;

import io.github.sendmsg.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting never pins a virtual thread: 10,000 virtual threads each wait in a receive on a socket of their
 * own, in a JVM with two carrier threads and no room to add a third; meanwhile another virtual thread
 * keeps running on time and the scheduler shows no carrier held by the waiters (JFR's
 * {@code jdk.VirtualThreadPinned} is silent for a thread blocked in native code, so it would prove
 * nothing here); then all are released and complete, and no descriptor is left open.
 */
class ManyWaitersTest {

    static final int WAITERS = 10_000;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tenThousandWaitingVirtualThreadsHoldNoCarrierAndAllComplete() throws Exception {
        String classPath = System.getProperty("sendmsg.test.classpath", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-Djdk.virtualThreadScheduler.parallelism=2", "-Djdk.virtualThreadScheduler.maxPoolSize=2",
                "-cp", classPath, ManyWaitersChild.class.getName(), Integer.toString(WAITERS)).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(150, TimeUnit.SECONDS)).isTrue();
        Fds.closePipes(child);
        assertThat(child.exitValue()).as("the child's exit code; stderr:%n%s", stderr).isZero();
        Map<String, String> figures = new HashMap<>();
        Arrays.stream(stdout.lines().reduce((a, b) -> b).orElseThrow().split(" "))
                .map(pair -> pair.split("=", 2)).forEach(pair -> figures.put(pair[0], pair[1]));
        System.out.println("[figure] many-waiters: " + stdout);

        assertThat(figures.get("parked")).as("every waiter parked; %s", stdout).isEqualTo(Integer.toString(WAITERS));
        assertThat(figures.get("probeAlive")).as("the probe finished while they waited; %s", stdout).isEqualTo("false");
        assertThat(Long.parseLong(figures.get("probeMs"))).as("ten 10 ms sleeps took about 100 ms; %s", stdout)
                .isLessThan(2_000);
        if (!figures.get("mounted").equals("n/a")) {
            assertThat(Integer.parseInt(figures.get("mounted"))).as("virtual threads mounted while 10,000 wait; %s", stdout)
                    .isLessThanOrEqualTo(1);
            assertThat(figures.get("parallelism")).isEqualTo("2");
            assertThat(figures.get("poolSize")).as("no carrier was added").isEqualTo("2");
        }
        assertThat(figures.get("received")).as("every waiter got its datagram; %s", stdout).isEqualTo(Integer.toString(WAITERS));
        assertThat(figures.get("failed")).isEqualTo("0");
        assertThat(figures.get("leaked")).as("descriptors left open; %s", stdout).isEqualTo("0");
    }
}
