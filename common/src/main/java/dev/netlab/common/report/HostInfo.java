package dev.netlab.common.report;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine a run happened on, so runs from different hosts are not compared blindly. */
public record HostInfo(String os, String jvm, int cores, String hostname) {

    public static HostInfo current() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch");
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        return new HostInfo(os, jvm, Runtime.getRuntime().availableProcessors(), localHostname());
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
