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
 * struct sockaddr_un {
 *     sa_family_t sun_family;
 *     char sun_path[108];
 * }
 * }
 */
public class sockaddr_un {

    sockaddr_un() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Libc.C_SHORT.withName("sun_family"),
        MemoryLayout.sequenceLayout(108, Libc.C_CHAR).withName("sun_path")
    ).withName("sockaddr_un");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfShort sun_family$LAYOUT = (OfShort)$LAYOUT.select(groupElement("sun_family"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * sa_family_t sun_family
     * }
     */
    public static final OfShort sun_family$layout() {
        return sun_family$LAYOUT;
    }

    private static final long sun_family$OFFSET = $LAYOUT.byteOffset(groupElement("sun_family"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * sa_family_t sun_family
     * }
     */
    public static final long sun_family$offset() {
        return sun_family$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * sa_family_t sun_family
     * }
     */
    public static short sun_family(MemorySegment struct) {
        return struct.get(sun_family$LAYOUT, sun_family$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * sa_family_t sun_family
     * }
     */
    public static void sun_family(MemorySegment struct, short fieldValue) {
        struct.set(sun_family$LAYOUT, sun_family$OFFSET, fieldValue);
    }

    private static final SequenceLayout sun_path$LAYOUT = (SequenceLayout)$LAYOUT.select(groupElement("sun_path"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static final SequenceLayout sun_path$layout() {
        return sun_path$LAYOUT;
    }

    private static final long sun_path$OFFSET = $LAYOUT.byteOffset(groupElement("sun_path"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static final long sun_path$offset() {
        return sun_path$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static MemorySegment sun_path(MemorySegment struct) {
        return struct.asSlice(sun_path$OFFSET, sun_path$LAYOUT.byteSize());
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static void sun_path(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, sun_path$OFFSET, sun_path$LAYOUT.byteSize());
    }

    private static long[] sun_path$DIMS = { 108 };

    /**
     * Dimensions for array field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static long[] sun_path$dimensions() {
        return sun_path$DIMS;
    }
    private static final VarHandle sun_path$ELEM_HANDLE = sun_path$LAYOUT.varHandle(sequenceElement());

    /**
     * Indexed getter for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static byte sun_path(MemorySegment struct, long index0) {
        return (byte)sun_path$ELEM_HANDLE.get(struct, sun_path$OFFSET, index0);
    }

    /**
     * Indexed setter for field:
     * {@snippet lang=c :
     * char sun_path[108]
     * }
     */
    public static void sun_path(MemorySegment struct, long index0, byte fieldValue) {
        sun_path$ELEM_HANDLE.set(struct, sun_path$OFFSET, index0, fieldValue);
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
