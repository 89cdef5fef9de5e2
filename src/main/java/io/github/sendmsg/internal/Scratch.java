package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.sockaddr_storage;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native memory for one call in flight: the errno capture, a {@link MessageHeader} with room for
 * {@value #MAX_IOVECS} iovecs, a small area for addresses and ints, and growable data and control buffers.
 *
 * <p>Scratch objects live in a small bounded pool shared by all threads, virtual ones included (a
 * {@code ThreadLocal} per virtual thread would not scale). A caller {@link #acquire() acquires} one,
 * owns it alone until {@link #release()}, and never lets its memory escape the call, so memory never
 * crosses threads while in use. Buffers up to {@value #RETAINED_LIMIT} bytes are kept for the next
 * call; larger ones come from an arena closed when the scratch is released.
 */
public final class Scratch {

    /** Data buffers up to this size are kept between calls; larger ones live for one call. */
    static final long RETAINED_LIMIT = 1 << 20;
    private static final long INITIAL_DATA = 8192;
    /** {@code CMSG_SPACE(4096)}: what Twisted's recvmsg asks for by default. */
    private static final long INITIAL_CONTROL = 4112;
    static final int MAX_IOVECS = 16;
    private static final long SMALL = 256;

    private static final AtomicReferenceArray<Scratch> POOL =
            new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment capture = arena.allocate(Errno.CAPTURE_LAYOUT);
    private final MessageHeader header = MessageHeader.allocate(arena, MAX_IOVECS);
    private final MemorySegment small = arena.allocate(SMALL, sockaddr_storage.layout().byteAlignment());
    private MemorySegment data = MemorySegment.NULL;
    private MemorySegment control = MemorySegment.NULL;
    private Arena callArena;

    private Scratch() {
    }

    /**
     * Takes a scratch from the pool, or makes one when every pooled one is in use.
     *
     * @throws UnsupportedOperationException on a platform the bindings do not describe
     */
    public static Scratch acquire() {
        Platform.requireSupported();
        int size = POOL.length();
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int slot = (start + i) % size;
            if (POOL.getPlain(slot) != null) {
                Scratch pooled = POOL.getAndSet(slot, null);
                if (pooled != null) {
                    return pooled;
                }
            }
        }
        return new Scratch();
    }

    /** Frees this call's oversized buffers and returns the scratch to the pool. */
    public void release() {
        if (callArena != null) {
            Arena done = callArena;
            callArena = null;
            done.close();
        }
        int size = POOL.length();
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            if (POOL.compareAndSet((start + i) % size, null, this)) {
                return;
            }
        }
        // Pool full: this one is dropped, and its automatic arena frees it once unreachable.
    }

    /** The errno capture segment for the next downcall. */
    public MemorySegment capture() {
        return capture;
    }

    /** 256 bytes, aligned for any socket address, contents unspecified. */
    public MemorySegment small() {
        return small;
    }

    /**
     * A message header with room for {@code count} iovecs: this scratch's own for up to
     * {@value #MAX_IOVECS}, one valid until {@link #release()} for more.
     */
    public MessageHeader header(int count) {
        return count <= MAX_IOVECS ? header : new MessageHeader(oneCall(MessageHeader.size()),
                oneCall(count * MessageHeader.iovecSize()), count);
    }

    /** A data buffer of exactly {@code size} bytes, contents unspecified, valid until {@link #release()}. */
    public MemorySegment data(long size) {
        if (size > RETAINED_LIMIT) {
            return oneCall(size);
        }
        if (data.byteSize() < size) {
            data = retained(size, INITIAL_DATA);
        }
        return data.asSlice(0, size);
    }

    /** A control buffer of exactly {@code size} bytes, contents unspecified, valid until {@link #release()}. */
    public MemorySegment control(long size) {
        if (size > RETAINED_LIMIT) {
            return oneCall(size);
        }
        if (control.byteSize() < size) {
            control = retained(size, INITIAL_CONTROL);
        }
        return control.asSlice(0, size);
    }

    /** A buffer kept for later calls: rounded up to a power of two so that growth happens rarely. */
    private MemorySegment retained(long size, long initial) {
        return arena.allocate(Math.max(initial, Long.highestOneBit(Math.max(1, size - 1)) << 1), ControlBuffer.ALIGNMENT);
    }

    /** A buffer freed when this scratch is released: large ones are not worth keeping in a pool. */
    private MemorySegment oneCall(long size) {
        if (callArena == null) {
            callArena = Arena.ofConfined();
        }
        return callArena.allocate(size, ControlBuffer.ALIGNMENT);
    }
}
