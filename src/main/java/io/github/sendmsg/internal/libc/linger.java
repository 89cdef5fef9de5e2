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
 * struct linger {
 *     int l_onoff;
 *     int l_linger;
 * }
 * }
 */
public class linger {

    linger() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Libc.C_INT.withName("l_onoff"),
        Libc.C_INT.withName("l_linger")
    ).withName("linger");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfInt l_onoff$LAYOUT = (OfInt)$LAYOUT.select(groupElement("l_onoff"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int l_onoff
     * }
     */
    public static final OfInt l_onoff$layout() {
        return l_onoff$LAYOUT;
    }

    private static final long l_onoff$OFFSET = $LAYOUT.byteOffset(groupElement("l_onoff"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int l_onoff
     * }
     */
    public static final long l_onoff$offset() {
        return l_onoff$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int l_onoff
     * }
     */
    public static int l_onoff(MemorySegment struct) {
        return struct.get(l_onoff$LAYOUT, l_onoff$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int l_onoff
     * }
     */
    public static void l_onoff(MemorySegment struct, int fieldValue) {
        struct.set(l_onoff$LAYOUT, l_onoff$OFFSET, fieldValue);
    }

    private static final OfInt l_linger$LAYOUT = (OfInt)$LAYOUT.select(groupElement("l_linger"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * int l_linger
     * }
     */
    public static final OfInt l_linger$layout() {
        return l_linger$LAYOUT;
    }

    private static final long l_linger$OFFSET = $LAYOUT.byteOffset(groupElement("l_linger"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * int l_linger
     * }
     */
    public static final long l_linger$offset() {
        return l_linger$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * int l_linger
     * }
     */
    public static int l_linger(MemorySegment struct) {
        return struct.get(l_linger$LAYOUT, l_linger$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * int l_linger
     * }
     */
    public static void l_linger(MemorySegment struct, int fieldValue) {
        struct.set(l_linger$LAYOUT, l_linger$OFFSET, fieldValue);
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
