package dev.netlab.common.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netlab.common.discovery.DiscoveredPeer;
import dev.netlab.common.discovery.DiscoveryGroup;
import dev.netlab.common.discovery.PeerListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code filetransfer peers} and {@code livestream peers}: listens to LAN announces of the tool
 * it runs under for {@code --wait}, then lists them, one line each or as JSON. What it lists are
 * hints: nothing in an announce is proven.
 */
@Command(name = "peers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the netlab services announcing themselves on the LAN (serve --lan).")
public final class PeersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", defaultValue = "2s", description = "How long to listen (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String tool = spec.parent() == null ? "filetransfer" : spec.parent().name();
        List<DiscoveredPeer> peers;
        try (PeerListener listener = PeerListener.start(DiscoveryGroup.fromEnvironment(), tool)) {
            listener.await(p -> false, wait);
            peers = listener.peers().stream().sorted(Comparator.comparing(p -> p.announcement().name())).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(peers));
        } else {
            for (DiscoveredPeer p : peers) {
                out.println(line(p));
            }
        }
        out.flush();
        if (peers.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("no " + tool + " service announced itself within " + wait.toMillis() + " ms; check that one runs"
                    + " with --lan on this network and that multicast is not blocked (firewall, access-point isolation, VPN)");
            err.flush();
        }
        return ExitCodes.OK;
    }

    private static String line(DiscoveredPeer p) {
        var a = p.announcement();
        return String.format("%-24s %-22s %-12s %-4s %s  %.1fs ago", a.name(), p.serviceText(), a.tool(), a.transport(),
                a.hasFingerprint() ? "SHA256:" + base64(a.fingerprint()) : "-", p.age().toMillis() / 1000.0);
    }

    private static String base64(byte[] digest) {
        return java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    private static String toJson(List<DiscoveredPeer> peers) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (DiscoveredPeer p : peers) {
            var a = p.announcement();
            ObjectNode node = array.addObject();
            node.put("name", a.name());
            node.put("address", p.serviceText());
            node.put("tool", a.tool());
            node.put("version", a.toolVersion());
            node.put("transport", a.transport().name());
            node.put("fingerprint", a.hasFingerprint() ? "SHA256:" + base64(a.fingerprint()) : null);
            if (a.rendezvousId().isPresent()) {
                node.put("rendezvousId", String.format("%04d", a.rendezvousId().getAsInt()));
            }
            node.put("ageMs", p.age().toMillis());
            node.put("instance", HexFormat.of().toHexDigits(a.instanceId()));
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }
}
