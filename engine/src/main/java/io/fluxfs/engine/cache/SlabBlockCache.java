package io.fluxfs.engine.cache;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32C;

/**
 * The persistent block cache: a Chronicle Map index (off-heap, memory-mapped file {@code index.cm})
 * from (object id, block number) to (slot, length, CRC32C), and a slab file {@code blocks.slab} of
 * fixed-size slots holding the payloads. See the package design note for why payloads are not
 * Chronicle Map values, and for the write order that makes crashes harmless.
 *
 * <p>Eviction is CLOCK over slots: a hit sets the slot's reference bit, the hand clears set bits and
 * evicts the first clear one. New blocks start with a clear bit, so a file read once (a scan) goes
 * before blocks read twice. Slot allocation runs under one lock; payload I/O runs outside it, guarded
 * by a per-slot sequence number (odd while the slot is being rewritten) that readers check before and
 * after they copy.
 */
final class SlabBlockCache implements BlockCache {
    private static final Logger LOG = LoggerFactory.getLogger(SlabBlockCache.class);
    private static final int KEY_BYTES = ObjectId.BYTES + Long.BYTES;
    private static final int VALUE_BYTES = 16;
    private static final int MAGIC = 0xF1C4_0001;
    static final String INDEX = "index.cm";
    static final String SLAB = "blocks.slab";
    static final String LAYOUT = "layout";
    static final String CLEAN = "clean-shutdown";
    private static final String LOCK = "lock";

    private final Path dir;
    private final int blockSize;
    private final int slots;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ChronicleMap<byte[], byte[]> index;
    private final FileChannel slab;

    // Guarded by `this`: slot ownership and the clock.
    private final byte[][] owner;
    private final byte[] ref;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final Set<Key> writing = new HashSet<>();
    private int hand;
    private boolean closed;
    /** Per slot: even when stable, odd while being rewritten; bumped twice per rewrite. */
    private final AtomicIntegerArray seq;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    private SlabBlockCache(Path dir, int blockSize, int slots, FileChannel lockChannel, FileLock lock,
                           ChronicleMap<byte[], byte[]> index, FileChannel slab) {
        this.dir = dir;
        this.blockSize = blockSize;
        this.slots = slots;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.index = index;
        this.slab = slab;
        this.owner = new byte[slots][];
        this.ref = new byte[slots];
        this.seq = new AtomicIntegerArray(slots);
    }

    static SlabBlockCache open(Path dir, long maxBytes, int blockSize) {
        if (blockSize < 4096 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("cache block size " + blockSize + " is not a power of two >= 4096");
        }
        long entries = maxBytes / blockSize;
        if (entries < 2 || entries > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cache size " + maxBytes + " holds " + entries + " blocks of "
                    + blockSize + "; it must hold 2.." + Integer.MAX_VALUE);
        }
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("cache directory " + dir + " is in use by another mount");
            }
            String layout = "fluxfs-block-cache 1 blockSize=" + blockSize + " entries=" + entries + "\n";
            Path layoutFile = dir.resolve(LAYOUT);
            boolean sameLayout = Files.exists(layoutFile)
                    && Files.readString(layoutFile, StandardCharsets.UTF_8).equals(layout);
            boolean clean = Files.deleteIfExists(dir.resolve(CLEAN));
            if (!sameLayout) {
                wipe(dir);
                Files.writeString(layoutFile, layout, StandardCharsets.UTF_8);
            }
            ChronicleMap<byte[], byte[]> index = openIndex(dir, entries, clean);
            long indexBytes = Files.size(dir.resolve(INDEX));
            long slotCount = (maxBytes - indexBytes) / blockSize;
            if (slotCount < 1) {
                index.close();
                throw new IllegalArgumentException("cache size " + maxBytes + " leaves no room for blocks after its "
                        + indexBytes + "-byte index");
            }
            FileChannel slab = FileChannel.open(dir.resolve(SLAB), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (slab.size() > slotCount * blockSize) {
                slab.truncate(slotCount * blockSize);
            }
            SlabBlockCache c = new SlabBlockCache(dir, blockSize, (int) slotCount, lockChannel, lock, index, slab);
            c.rebuild();
            return c;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the block cache in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static ChronicleMap<byte[], byte[]> openIndex(Path dir, long entries, boolean clean) throws IOException {
        ChronicleMapBuilder<byte[], byte[]> b = ChronicleMapBuilder.of(byte[].class, byte[].class)
                .name("fluxfs-block-index")
                .entries(entries)
                .constantKeySizeBySample(new byte[KEY_BYTES])
                .constantValueSizeBySample(new byte[VALUE_BYTES]);
        Path file = dir.resolve(INDEX);
        if (Files.exists(file)) {
            try {
                // After a crash (no clean marker) Chronicle's recovery repairs locks and segments.
                return clean ? b.createPersistedTo(file.toFile()) : b.recoverPersistedTo(file.toFile(), true);
            } catch (Exception | Error e) {
                LOG.warn("block cache index {} is damaged ({}); starting the cache empty", file, e.toString());
                wipe(dir);
            }
        }
        return b.createPersistedTo(file.toFile());
    }

    private static void wipe(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(INDEX));
        Files.deleteIfExists(dir.resolve(SLAB));
    }

    /** Rebuilds slot ownership from the index; drops entries that cannot be right. */
    private void rebuild() throws IOException {
        long slabSize = slab.size();
        List<byte[]> bad = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : index.entrySet()) {
            byte[] k = e.getKey();
            ByteBuffer v = ByteBuffer.wrap(e.getValue());
            int slot = v.getInt();
            int len = v.getInt();
            v.getInt();
            int magic = v.getInt();
            boolean ok = k.length == KEY_BYTES && magic == MAGIC && slot >= 0 && slot < slots
                    && len > 0 && len <= blockSize && owner[slot] == null
                    && (long) slot * blockSize + len <= slabSize;
            if (ok) {
                owner[slot] = k;
            } else {
                bad.add(k);
            }
        }
        for (byte[] k : bad) {
            index.remove(k);
            corrupt.increment();
        }
        for (int s = 0; s < slots; s++) {
            if (owner[s] == null) {
                free.add(s);
            }
        }
        if (!bad.isEmpty()) {
            LOG.warn("block cache {}: dropped {} index entries that point outside the slab or collide", dir, bad.size());
        }
    }

    @Override
    public int get(ObjectId id, long block, ByteBuffer dst) {
        byte[] k = id.blockKey(block);
        byte[] v = index.get(k);
        if (v == null) {
            misses.increment();
            return -1;
        }
        ByteBuffer vb = ByteBuffer.wrap(v);
        int slot = vb.getInt();
        int len = vb.getInt();
        int crc = vb.getInt();
        if (slot < 0 || slot >= slots || len <= 0 || len > blockSize || len > dst.capacity()) {
            return dropCorrupt(k, slot);
        }
        int s1 = seq.get(slot);
        if ((s1 & 1) != 0 || !Arrays.equals(owner[slot], k)) {
            misses.increment();
            return -1;
        }
        dst.clear().limit(len);
        try {
            long pos = (long) slot * blockSize;
            while (dst.hasRemaining()) {
                int n = slab.read(dst, pos + dst.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warn("block cache {}: read of slot {} failed: {}", dir, slot, e.toString());
            misses.increment();
            return -1;
        }
        boolean complete = !dst.hasRemaining();
        dst.flip();
        CRC32C c = new CRC32C();
        c.update(dst.duplicate());
        if (seq.get(slot) != s1) {
            misses.increment(); // evicted and rewritten while we copied: not corrupt, just gone
            return -1;
        }
        if (!complete || (int) c.getValue() != crc) {
            return dropCorrupt(k, slot);
        }
        ref[slot] = 1;
        hits.increment();
        return len;
    }

    private int dropCorrupt(byte[] k, int slot) {
        corrupt.increment();
        misses.increment();
        synchronized (this) {
            if (closed) {
                return -1;
            }
            if (slot >= 0 && slot < slots && Arrays.equals(owner[slot], k) && (seq.get(slot) & 1) == 0) {
                owner[slot] = null;
                free.add(slot);
            }
            index.remove(k);
        }
        LOG.warn("block cache {}: dropped a corrupt block (slot {})", dir, slot);
        return -1;
    }

    @Override
    public boolean contains(ObjectId id, long block) {
        return index.containsKey(id.blockKey(block));
    }

    @Override
    public void put(ObjectId id, long block, ByteBuffer src) {
        int len = src.remaining();
        if (len <= 0 || len > blockSize) {
            throw new IllegalArgumentException("block of " + len + " bytes for a cache of " + blockSize + "-byte blocks");
        }
        byte[] k = id.blockKey(block);
        Key wk = new Key(k);
        int slot;
        synchronized (this) {
            if (closed || writing.contains(wk) || index.containsKey(k)) {
                return;
            }
            slot = allocate();
            if (slot < 0) {
                dropped.increment();
                return;
            }
            seq.incrementAndGet(slot); // odd: readers of this slot miss from now on
            owner[slot] = k;
            ref[slot] = 0;
            writing.add(wk);
        }
        boolean ok = false;
        try {
            ByteBuffer b = src.duplicate();
            CRC32C c = new CRC32C();
            c.update(b.duplicate());
            long pos = (long) slot * blockSize;
            while (b.hasRemaining()) {
                slab.write(b, pos + (b.position() - src.position()));
            }
            byte[] v = ByteBuffer.allocate(VALUE_BYTES).putInt(slot).putInt(len).putInt((int) c.getValue())
                    .putInt(MAGIC).array();
            synchronized (this) {
                if (!closed) {
                    index.put(k, v);
                    ok = true;
                    puts.increment();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("block cache {}: write of slot {} failed: {}", dir, slot, e.toString());
        } finally {
            synchronized (this) {
                writing.remove(wk);
                if (!ok) {
                    owner[slot] = null;
                    free.add(slot);
                }
                seq.incrementAndGet(slot); // even again
            }
        }
    }

    /** A slot to write into, evicting by CLOCK if none is free; -1 if every slot is being written. */
    private int allocate() {
        Integer f = free.poll();
        if (f != null) {
            return f;
        }
        for (int i = 0; i < 2 * slots + 1; i++) {
            int s = hand;
            hand = (hand + 1) % slots;
            if ((seq.get(s) & 1) != 0 || owner[s] == null) {
                continue;
            }
            if (ref[s] != 0) {
                ref[s] = 0;
                continue;
            }
            index.remove(owner[s]);
            owner[s] = null;
            evictions.increment();
            return s;
        }
        return -1;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    /** Blocks held now. */
    synchronized int held() {
        int n = 0;
        for (byte[] o : owner) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cache.hits", hits.sum());
        m.put("cache.misses", misses.sum());
        m.put("cache.corrupt_dropped", corrupt.sum());
        m.put("cache.evictions", evictions.sum());
        m.put("cache.puts", puts.sum());
        m.put("cache.puts_dropped", dropped.sum());
        m.put("cache.blocks", (long) held());
        m.put("cache.capacity_blocks", (long) slots);
        return m;
    }

    @Override
    public void close() {
        close(true);
    }

    /** Closes without the clean-shutdown marker, so the next open takes the recovery path. */
    void closeForCrashTest() {
        close(false);
    }

    private synchronized void close(boolean clean) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            index.close();
            slab.close();
            if (clean) {
                Files.writeString(dir.resolve(CLEAN), "", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.warn("block cache {}: close failed: {}", dir, e.toString());
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("lock release", e);
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
