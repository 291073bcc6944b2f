package dev.netlab.common.launch;

import java.lang.management.ManagementFactory;

/**
 * The tool a launcher test runs: prints the Java version, its JVM flags and its arguments, one per
 * line, then exits with the code its first argument names (0 without arguments, as a training run).
 */
public final class LaunchProbe {

    private LaunchProbe() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version().feature());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            System.out.println("flag " + flag);
        }
        for (String arg : args) {
            System.out.println("arg " + arg);
        }
        System.exit(args.length == 0 ? 0 : Integer.parseInt(args[0]));
    }
}
