package dev.faultline.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/** A path of a {@link FaultFileSystem}: a delegate path that routes every operation through the faults. */
final class FaultPath implements Path {
    private final FaultFileSystem fs;
    private final Path delegate;

    FaultPath(FaultFileSystem fs, Path delegate) {
        this.fs = fs;
        this.delegate = delegate;
    }

    Path delegate() {
        return delegate;
    }

    private FaultPath wrap(Path p) {
        return p == null ? null : new FaultPath(fs, p);
    }

    private Path unwrap(Path other) {
        if (other instanceof FaultPath fp && fp.fs == fs) {
            return fp.delegate;
        }
        throw new ProviderMismatchException("not a path of this fault file system: " + other);
    }

    @Override
    public FaultFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(delegate.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof FaultPath fp && fp.fs == fs && delegate.startsWith(fp.delegate);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof FaultPath fp && fp.fs == fs && delegate.endsWith(fp.delegate);
    }

    @Override
    public Path normalize() {
        return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(delegate.relativize(unwrap(other)));
    }

    /** The delegate's URI: opening it elsewhere bypasses the faults, so the harness never does. */
    @Override
    public URI toUri() {
        return delegate.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(delegate.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("watching is not supported on a fault file system");
    }

    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultPath fp && fp.fs == fs && fp.delegate.equals(delegate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(fs), delegate);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
