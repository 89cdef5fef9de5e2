// Hand-written in the shape jextract generates, so that jextract/regenerate.sh can replace this
// package with real jextract output without a change to the code that uses it.

package io.github.sendmsg.internal.libc;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * struct mmsghdr {
 *     struct msghdr msg_hdr;
 *     unsigned int msg_len;
 * }
 * }
 */
public class mmsghdr {

    mmsghdr() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        msghdr.layout().withName("msg_hdr"),
        Libc.C_INT.withName("msg_len"),
        MemoryLayout.paddingLayout(4)
    ).withName("mmsghdr");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final GroupLayout msg_hdr$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("msg_hdr"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct msghdr msg_hdr
     * }
     */
    public static final GroupLayout msg_hdr$layout() {
        return msg_hdr$LAYOUT;
    }

    private static final long msg_hdr$OFFSET = $LAYOUT.byteOffset(groupElement("msg_hdr"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct msghdr msg_hdr
     * }
     */
    public static final long msg_hdr$offset() {
        return msg_hdr$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * struct msghdr msg_hdr
     * }
     */
    public static MemorySegment msg_hdr(MemorySegment struct) {
        return struct.asSlice(msg_hdr$OFFSET, msg_hdr$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * struct msghdr msg_hdr
     * }
     */
    public static void msg_hdr(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, msg_hdr$OFFSET, msg_hdr$LAYOUT.byteSize());
    }

    private static final OfInt msg_len$LAYOUT = (OfInt)$LAYOUT.select(groupElement("msg_len"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * unsigned int msg_len
     * }
     */
    public static final OfInt msg_len$layout() {
        return msg_len$LAYOUT;
    }

    private static final long msg_len$OFFSET = $LAYOUT.byteOffset(groupElement("msg_len"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * unsigned int msg_len
     * }
     */
    public static final long msg_len$offset() {
        return msg_len$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * unsigned int msg_len
     * }
     */
    public static int msg_len(MemorySegment struct) {
        return struct.get(msg_len$LAYOUT, msg_len$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * unsigned int msg_len
     * }
     */
    public static void msg_len(MemorySegment struct, int fieldValue) {
        struct.set(msg_len$LAYOUT, msg_len$OFFSET, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() { return layout().byteSize(); }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
