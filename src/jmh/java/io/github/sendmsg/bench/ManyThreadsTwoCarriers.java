package io.github.sendmsg.bench;

import org.openjdk.jmh.annotations.Fork;

/** W6 on virtual threads with two carriers: {@code jdk.virtualThreadScheduler.parallelism=2}. */
@Fork(jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=2", "-Djdk.virtualThreadScheduler.maxPoolSize=2"})
public class ManyThreadsTwoCarriers extends ManyThreads {
}
