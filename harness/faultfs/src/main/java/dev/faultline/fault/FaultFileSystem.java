package dev.faultline.fault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code java.nio.file} file system that wraps another (the default one under a directory, or
 * Jimfs in its Unix, macOS or Windows configuration) and injects faults as its
 * {@link FaultController} says. Adapters get an ordinary {@link Path} from {@link #root()} and
 * use {@code Files} and {@code FileChannel} as they always do. Faults apply under the root only.
 */
public final class FaultFileSystem extends FileSystem {
    private final FaultFileSystemProvider provider;
    private final FileSystem delegate;
    private final Path delegateRoot;
    private final FaultController controller;
    private final DiskModel disk;
    private boolean closeDelegate;
    private final Set<FileChannel> openChannels = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    FaultFileSystem(FileSystem delegate, Path delegateRoot, FaultController controller, boolean closeDelegate) {
        this.provider = new FaultFileSystemProvider(this);
        this.delegate = delegate;
        this.delegateRoot = delegateRoot.toAbsolutePath().normalize();
        this.controller = controller;
        this.closeDelegate = closeDelegate;
        this.disk = new DiskModel(this.delegateRoot, controller);
        controller.attach(disk, this::closeTheDeadsFiles, glob -> {
            // Jimfs and the JDK accept '/' in globs as a separator on every flavour, Windows included.
            PathMatcher m = delegate.getPathMatcher("glob:" + glob);
            return p -> m.matches(this.delegateRoot.relativize(p));
        });
    }

    /**
     * The file system a restarted machine sees after {@link FaultController#crash()}: the same disk
     * and controller, serving again. This one stays cut for good, so whatever a dead instance
     * still tries to write (a background save) fails instead of landing after the restart.
     */
    public FaultFileSystem restarted() {
        if (!disk.crashed()) {
            throw new IllegalStateException("only a crashed file system restarts");
        }
        FaultFileSystem next = new FaultFileSystem(delegate, delegateRoot, controller, closeDelegate);
        closeDelegate = false; // the delegate now belongs to the next incarnation
        return next;
    }

    /**
     * At a crash: the dead instances' open files die with them, and with them their locks, so a
     * restarted store can take its lock file again (a JVM refuses a second lock on a file it
     * holds), and a dead instance's thread that writes on finds its file closed.
     */
    private void closeTheDeadsFiles() {
        for (var open = openChannels.iterator(); open.hasNext(); ) {
            FileChannel channel = open.next();
            open.remove(); // one by one: a file opened meanwhile is closed by this loop or stays registered
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all a crash does to it
            }
        }
    }

    /** A file opened under the root, closed by a crash if its owner has not closed it by then. */
    void opened(FileChannel delegateChannel) {
        openChannels.add(delegateChannel);
    }

    void closed(FileChannel delegateChannel) {
        openChannels.remove(delegateChannel);
    }

    /** The root given to adapters: where faults apply. */
    public Path root() {
        return new FaultPath(this, delegateRoot);
    }

    public FaultController controller() {
        return controller;
    }

    DiskModel disk() {
        return disk;
    }

    /** Whether a delegate path is under the root, where faults apply. */
    boolean underRoot(Path delegatePath) {
        return delegatePath.toAbsolutePath().normalize().startsWith(delegateRoot);
    }

    /** A delegate path relative to the root, '/' separated, for events and error texts. */
    String relative(Path delegatePath) {
        Path abs = delegatePath.toAbsolutePath().normalize();
        if (!abs.startsWith(delegateRoot)) {
            return abs.toString();
        }
        String rel = delegateRoot.relativize(abs).toString().replace(delegate.getSeparator(), "/");
        return rel.isEmpty() ? "." : rel;
    }

    /** Applies rules and the crash guard to an operation on {@code path}, then runs it. */
    <T> T apply(IoOp op, Path path, Path other, DiskModel.IoCall<T> call) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(delegateRoot) ? applyUnderRoot(op, abs, other, call) : call.call();
    }

    /** {@link #apply} for a path already known to be absolute, normalised and under the root (an open channel's file). */
    <T> T applyUnderRoot(IoOp op, Path abs, Path other, DiskModel.IoCall<T> call) throws IOException {
        if (controller.hasRules()) {
            Path otherAbs = other == null ? null : other.toAbsolutePath().normalize();
            controller.before(op, abs, relative(abs), otherAbs, otherAbs == null ? null : relative(otherAbs));
        }
        return disk.guarded(() -> relative(abs), call);
    }

    @Override
    public FaultFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        open = false;
        if (closeDelegate) {
            delegate.close();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return delegate.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        delegate.getRootDirectories().forEach(r -> roots.add(new FaultPath(this, r)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return new FaultPath(this, delegate.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = delegate.getPathMatcher(syntaxAndPattern);
        return p -> p instanceof FaultPath fp && m.matches(fp.delegate());
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return delegate.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watching is not supported on a fault file system");
    }
}
