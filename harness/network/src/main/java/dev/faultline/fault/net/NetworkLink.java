package dev.faultline.fault.net;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The network path between an adapter and its backend, as a scenario sees it: toxics added and
 * removed through the official Toxiproxy client (a real server or the embedded one alike), each
 * change recorded as a fault line in the run's history.
 */
public final class NetworkLink {
    private final String name;
    private final Proxy proxy;
    private final Consumer<String> record;

    public NetworkLink(String name, Proxy proxy, Consumer<String> record) {
        this.name = name;
        this.proxy = proxy;
        this.record = record;
    }

    /** The toxiproxy proxy itself, for what the helpers below do not cover. */
    public Proxy proxy() {
        return proxy;
    }

    public String latency(ToxicDirection direction, long millis, long jitterMillis) throws IOException {
        String toxic = toxicName("latency", direction);
        proxy.toxics().latency(toxic, direction, millis).setJitter(jitterMillis);
        note("+ latency " + millis + "±" + jitterMillis + " ms " + stream(direction));
        return toxic;
    }

    /** Data stops (dropped); the connection closes after {@code millis}, or never when 0. */
    public String timeout(ToxicDirection direction, long millis) throws IOException {
        String toxic = toxicName("timeout", direction);
        proxy.toxics().timeout(toxic, direction, millis);
        note("+ timeout " + millis + " ms " + stream(direction) + " (data dropped)");
        return toxic;
    }

    /** Connections are reset (TCP RST) when data meets the toxic, after {@code millis}. */
    public String resetPeer(ToxicDirection direction, long millis) throws IOException {
        String toxic = toxicName("reset_peer", direction);
        proxy.toxics().resetPeer(toxic, direction, millis);
        note("+ reset_peer after " + millis + " ms " + stream(direction));
        return toxic;
    }

    public String bandwidth(ToxicDirection direction, long kilobytesPerSecond) throws IOException {
        String toxic = toxicName("bandwidth", direction);
        proxy.toxics().bandwidth(toxic, direction, kilobytesPerSecond);
        note("+ bandwidth " + kilobytesPerSecond + " KB/s " + stream(direction));
        return toxic;
    }

    public String limitData(ToxicDirection direction, long bytes) throws IOException {
        String toxic = toxicName("limit_data", direction);
        proxy.toxics().limitData(toxic, direction, bytes);
        note("+ limit_data " + bytes + " bytes " + stream(direction));
        return toxic;
    }

    public void remove(String toxic) throws IOException {
        proxy.toxics().get(toxic).remove();
        note("- " + toxic);
    }

    /** The backend is unreachable: new connections refused, live ones cut. */
    public void down() throws IOException {
        proxy.disable();
        note("down");
    }

    public void up() throws IOException {
        proxy.enable();
        note("up");
    }

    /** Every toxic removed and the link up: before the read-back, so it sees what the store kept. */
    public void heal() throws IOException {
        for (var toxic : proxy.toxics().getAll()) {
            toxic.remove();
        }
        if (!proxy.isEnabled()) {
            proxy.enable();
        }
        note("healed");
    }

    private static String toxicName(String type, ToxicDirection direction) {
        return type + "_" + stream(direction);
    }

    private static String stream(ToxicDirection direction) {
        return direction.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void note(String change) {
        record.accept("network " + name + ": " + change);
    }
}
