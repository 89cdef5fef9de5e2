package io.github.sendmsg.bench;

import org.openjdk.jmh.annotations.Fork;

/** W6 on virtual threads with one carrier: {@code jdk.virtualThreadScheduler.parallelism=1}. */
@Fork(jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
public class ManyThreadsOneCarrier extends ManyThreads {
}
