package io.github.sendmsg.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/** W6 on {@value ManyThreads#THREADS} platform threads (a fixed pool made once), the same lanes as {@link ManyThreads}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ManyThreadsPlatform {

    @Benchmark
    @OperationsPerInvocation(ManyThreads.THREADS * ManyThreads.OPS_PER_THREAD)
    public int channelPlatform(ManyThreads.Lanes lanes) throws Exception {
        return lanes.platform();
    }
}
