package dev.netlab.common.testing;

import dev.netlab.common.discovery.DiscoveryGroup;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points LAN discovery at a group of each test's own on the loopback interface, through the
 * {@link DiscoveryGroup} system properties, and clears them afterwards. Child processes get the
 * same group from {@link #jvmOptions()}. Register with {@code @RegisterExtension}.
 */
public final class LoopbackDiscovery implements BeforeEachCallback, AfterEachCallback {

    private String group;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        group = DiscoveryGroup.privateOnLoopback().addressText();
        System.setProperty(DiscoveryGroup.GROUP_PROPERTY, group);
        System.setProperty(DiscoveryGroup.INTERFACE_PROPERTY, "lo");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty(DiscoveryGroup.GROUP_PROPERTY);
        System.clearProperty(DiscoveryGroup.INTERFACE_PROPERTY);
    }

    /** The two {@code -D} options that give a child JVM this test's group. */
    public String[] jvmOptions() {
        return new String[] {"-D" + DiscoveryGroup.GROUP_PROPERTY + "=" + group,
            "-D" + DiscoveryGroup.INTERFACE_PROPERTY + "=lo"};
    }
}
