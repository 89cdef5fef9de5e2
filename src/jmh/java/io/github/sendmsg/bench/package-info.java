/**
 * JMH benchmarks: the library's three layers (Twisted-shaped, {@code ByteBuffer[]} and
 * {@code NativeMessage}), a raw FFM floor, and the Java peers (junixsocket, jnr-posix, Netty), each on
 * the workloads of {@link io.github.sendmsg.bench.Workloads}. Run with
 * {@code ./mvnw -Pbench -DskipTests verify}; see {@code docs/benchmarks.md}.
 */
package io.github.sendmsg.bench;
