package io.github.sendmsg;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test that leaves more descriptors open than it found: every descriptor a test (or the
 * library under it) opens must be closed by its end. Register with {@code @ExtendWith(NoFdLeaks.class)}.
 */
public final class NoFdLeaks implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoFdLeaks.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", Fds.open());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Map<Integer, String> before = context.getStore(NAMESPACE).get("before", Map.class);
        Map<Integer, String> after = Fds.open();
        Map<Integer, String> added = new TreeMap<>(after);
        added.keySet().removeAll(before.keySet());
        // Only sockets, pipes and anonymous inodes count: the JVM may open jars and class files meanwhile.
        // Epoll instances do not: the JDK's virtual-thread pollers and this library's two pollers are made
        // once per process, on first use, and live as long as it.
        added.values().removeIf(target -> !(target.startsWith("socket:") || target.startsWith("pipe:")
                || target.startsWith("anon_inode:") || target.startsWith("/dev/null") || target.contains("sendmsg-test"))
                || target.equals("anon_inode:[eventpoll]"));
        assertThat(added).as("descriptors %s left open by %s (open before: %d, after: %d)",
                added, context.getDisplayName(), before.size(), after.size()).isEmpty();
    }
}
