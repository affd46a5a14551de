package dev.faultline.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A directory opened as a channel, for the one thing a store does with it: force it, so that the
 * entries made, renamed or removed in it are durable. The fault file system gives it on every
 * flavour (Jimfs cannot open a directory as a file) and records the force in the crash model;
 * anything else is refused as the OS refuses it on a directory (EISDIR).
 */
final class DirectoryChannel extends FileChannel {

    private static IOException isDirectory() {
        return new IOException("EISDIR: is a directory");
    }

    @Override
    public void force(boolean metaData) {
        // nothing to write under the model: FaultFileChannel records the force
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public FileChannel position(long newPosition) {
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw isDirectory();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        throw isDirectory();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        throw isDirectory();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw isDirectory();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw isDirectory();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw isDirectory();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        throw isDirectory();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw isDirectory();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw isDirectory();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw isDirectory();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        throw isDirectory();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        throw isDirectory();
    }

    @Override
    protected void implCloseChannel() {
    }
}
