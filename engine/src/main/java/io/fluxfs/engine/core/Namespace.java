package io.fluxfs.engine.core;

import io.fluxfs.engine.format.Keys;
import io.fluxfs.engine.format.MountDefaults;
import io.fluxfs.engine.format.PosixMeta;
import io.fluxfs.engine.format.S3fsMetadata;
import io.fluxfs.engine.fs.DirEntry;
import io.fluxfs.engine.fs.FsError;
import io.fluxfs.engine.fs.FsException;
import io.fluxfs.engine.fs.InodeAttr;
import io.fluxfs.engine.store.ListPage;
import io.fluxfs.engine.store.ListRequest;
import io.fluxfs.engine.store.ObjectMeta;
import io.fluxfs.engine.store.ObjectStore;
import io.fluxfs.engine.store.StoreException;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inode table and the metadata cache: which names exist, what their attributes are, and how
 * that knowledge is refreshed from the store.
 *
 * <p>A name is found in this order: a child in the parent's dentry map that is fresh (or has local
 * state, which the store cannot contradict); a fresh negative entry; a fresh complete listing of the
 * parent (a name not in it is absent, with no request); else a probe — HEAD of {@code key} and a
 * one-key LIST of {@code key/} in parallel, plus a HEAD of the {@code key/} marker when the LIST shows
 * one. Listing pages give size, ETag and mtime; the headers only HEAD returns (mode, owner, symlink)
 * are fetched lazily, when a lookup needs complete attributes.
 *
 * <p>Every store future is continued on {@code exec}, never on the store's threads.
 */
final class Namespace {
    private final ObjectStore store;
    private final EngineConfig cfg;
    private final Executor exec;
    private final AtomicLong nextIno = new AtomicLong(2);
    private final ConcurrentHashMap<Long, Inode> byIno = new ConcurrentHashMap<>();
    private final int maxNegativesPerDir = 10_000;
    final Inode root;

    Namespace(ObjectStore store, EngineConfig cfg, Executor exec) {
        this.store = store;
        this.cfg = cfg;
        this.exec = exec;
        long now = cfg.clock().millis() * 1_000_000L;
        PosixMeta rootMeta = S3fsMetadata.implicitDirectory(cfg.defaults(), now);
        this.root = new Inode(io.fluxfs.engine.fs.FileSystem.ROOT, null, "",
                new Attrs(rootMeta, 0, null, null, true, true, Long.MAX_VALUE));
        byIno.put(root.ino, root);
    }

    long now() {
        return cfg.ticker().getAsLong();
    }

    long freshUntil() {
        return now() + cfg.metadataTtlNanos();
    }

    long wallNanos() {
        java.time.Instant i = cfg.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    MountDefaults defaults() {
        return cfg.defaults();
    }

    int size() {
        return byIno.size();
    }

    /** The open-file state of every inode that has one (open, or with changes not yet stored). */
    List<OpenFile> openFiles() {
        List<OpenFile> out = new java.util.ArrayList<>();
        for (Inode i : byIno.values()) {
            OpenFile of = i.openFile();
            if (of != null) {
                out.add(of);
            }
        }
        return out;
    }

    Inode get(long ino) {
        Inode i = byIno.get(ino);
        if (i == null) {
            throw new FsException(FsError.ESTALE, "inode " + ino + " is no longer known");
        }
        return i;
    }

    /** The object key of a file (or symlink, FIFO...) inode. */
    String fileKey(Inode i) {
        return Keys.fileKey(cfg.prefix(), i.relPath());
    }

    /** The marker key of a directory inode ("" for the bucket root). */
    String dirKey(Inode i) {
        return Keys.dirKey(cfg.prefix(), i.relPath());
    }

    String childFileKey(Inode dir, String name) {
        String rel = dir.relPath().isEmpty() ? name : dir.relPath() + "/" + name;
        return Keys.fileKey(cfg.prefix(), rel);
    }

    // ---------------------------------------------------------------- lookup

    /** Finds a child with complete attributes. Fails with ENOENT / ENOTDIR / EINVAL / ENAMETOOLONG. */
    CompletableFuture<Inode> lookup(Inode dir, String name) {
        if (!dir.isDirectory()) {
            return CompletableFuture.failedFuture(new FsException(FsError.ENOTDIR, dir + " is not a directory"));
        }
        try {
            Keys.checkName(name);
        } catch (FsException e) {
            return CompletableFuture.failedFuture(e);
        }
        long now = now();
        Inode c = dir.children.get(name);
        if (c != null) {
            Attrs a = c.attrs;
            if (c.hasLocalState() || (a.isFresh(now) && a.complete())) {
                return CompletableFuture.completedFuture(c);
            }
            if (a.isFresh(now)) {
                return headKnown(dir, name, c);
            }
            return probe(dir, name);
        }
        if (dir.isNegative(name, now) || (dir.listed && now - dir.listedUntil < 0)) {
            return CompletableFuture.failedFuture(notFound(dir, name));
        }
        return probe(dir, name);
    }

    /** Like {@link #lookup} but completes with null for an absent name. */
    CompletableFuture<Inode> lookupOrNull(Inode dir, String name) {
        return lookup(dir, name).handle((c, err) -> {
            if (err == null) {
                return c;
            }
            FsException fe = StoreErrors.toFs(err, "lookup " + name);
            if (fe.error() == FsError.ENOENT) {
                return null;
            }
            throw fe;
        });
    }

    private static FsException notFound(Inode dir, String name) {
        String p = dir.relPath();
        return new FsException(FsError.ENOENT, "/" + (p.isEmpty() ? "" : p + "/") + name);
    }

    /** Asks the store what {@code name} is, and records the answer (positive or negative). */
    private CompletableFuture<Inode> probe(Inode dir, String name) {
        String fk = childFileKey(dir, name);
        String dk = fk + "/";
        try {
            Keys.checkKeyLength(dk);
        } catch (FsException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ObjectMeta> head = store.head(fk).exceptionally(err -> {
            if (StoreErrors.isNotFound(err)) {
                return null;
            }
            throw StoreErrors.toFs(err, "HEAD " + fk);
        });
        CompletableFuture<ListPage> list = store.list(new ListRequest(dk, null, null, 1));
        return head.thenCombineAsync(list, (h, l) -> new Object[] {h, l}, exec).thenComposeAsync(hl -> {
            ObjectMeta h = (ObjectMeta) hl[0];
            ListPage l = (ListPage) hl[1];
            if (h != null) {
                return CompletableFuture.completedFuture(register(dir, name, fromHead(h)));
            }
            if (l.objects().isEmpty()) {
                Inode gone = dir.children.get(name);
                if (gone != null && gone.hasLocalState()) {
                    return CompletableFuture.completedFuture(gone);
                }
                detach(dir, name);
                addNegative(dir, name);
                return CompletableFuture.failedFuture(notFound(dir, name));
            }
            if (l.objects().get(0).key().equals(dk)) {
                return store.head(dk).handleAsync((m, err) -> {
                    if (err == null) {
                        return register(dir, name, fromHead(m));
                    }
                    if (StoreErrors.isNotFound(err)) {
                        return register(dir, name, implicitDir());
                    }
                    throw StoreErrors.toFs(err, "HEAD " + dk);
                }, exec);
            }
            return CompletableFuture.completedFuture(register(dir, name, implicitDir()));
        }, exec).exceptionallyCompose(err -> CompletableFuture.failedFuture(StoreErrors.toFs(err, "lookup " + fk)));
    }

    /**
     * Completes an entry a fresh listing showed: its type is known, so one HEAD of its key (the marker
     * for a directory) brings mode and owner. Only if that object is gone does it fall back to a probe.
     */
    private CompletableFuture<Inode> headKnown(Inode dir, String name, Inode c) {
        String key = c.isDirectory() ? childFileKey(dir, name) + "/" : childFileKey(dir, name);
        return store.head(key).handleAsync((m, err) -> {
            if (err == null) {
                return CompletableFuture.completedFuture(register(dir, name, fromHead(m)));
            }
            if (!StoreErrors.isNotFound(err)) {
                return CompletableFuture.<Inode>failedFuture(StoreErrors.toFs(err, "HEAD " + key));
            }
            if (c.isDirectory()) {
                return CompletableFuture.completedFuture(register(dir, name, implicitDir()));
            }
            return probe(dir, name);
        }, exec).thenCompose(f -> f);
    }

    Attrs fromHead(ObjectMeta m) {
        PosixMeta p = S3fsMetadata.decode(m.key(), m.contentType(), m.userMetadata(), m.lastModified(), cfg.defaults());
        long size = (p.mode() & InodeAttr.S_IFMT) == InodeAttr.S_IFDIR ? 0 : m.size();
        return new Attrs(p, size, m.etag(), m.contentType(), true, true, freshUntil());
    }

    Attrs implicitDir() {
        return new Attrs(S3fsMetadata.implicitDirectory(cfg.defaults(), wallNanos()), 0, null, null, true, true, freshUntil());
    }

    // ---------------------------------------------------------------- the table

    /**
     * Records that {@code name} in {@code dir} has {@code attrs}. An existing inode of the same type
     * keeps its number and local state; one of another type is replaced.
     */
    Inode register(Inode dir, String name, Attrs attrs) {
        Inode existing = dir.children.get(name);
        dir.negatives.remove(name);
        if (existing != null && existing.type() == attrs.type()) {
            if (!existing.hasLocalState()) {
                existing.attrs = attrs;
            }
            return existing;
        }
        if (existing != null) {
            if (existing.hasLocalState()) {
                return existing;
            }
            detach(dir, name);
        }
        Inode n = new Inode(nextIno.getAndIncrement(), dir, name, attrs);
        byIno.put(n.ino, n);
        Inode raced = dir.children.putIfAbsent(name, n);
        if (raced != null) {
            byIno.remove(n.ino);
            return raced;
        }
        maybeEvict();
        return n;
    }

    /** Forgets {@code name} in {@code dir}: the inode is marked removed; open handles keep it alive. */
    void detach(Inode dir, String name) {
        Inode old = dir.children.remove(name);
        if (old != null) {
            old.removed = true;
            if (!old.hasLocalState()) {
                byIno.remove(old.ino);
            }
        }
    }

    /** Removes an inode that was kept alive only by open handles. */
    void dropIfUnreferenced(Inode i) {
        if (i.removed && !i.hasLocalState()) {
            byIno.remove(i.ino);
        }
    }

    void addNegative(Inode dir, String name) {
        if (dir.negatives.size() >= maxNegativesPerDir) {
            dir.negatives.clear();
        }
        dir.negatives.put(name, freshUntil());
    }

    /** Moves {@code src} from its place to {@code newName} in {@code newDir}. */
    void move(Inode src, Inode newDir, String newName) {
        Inode oldDir = src.parent();
        String oldName = src.name();
        src.moveTo(newDir, newName);
        src.removed = false;
        byIno.put(src.ino, src);
        // Replace the target's entry in one step: a concurrent lookup sees the old file or the new one,
        // never no file (in a fully listed directory a missing entry would be answered ENOENT).
        Inode replaced = newDir.children.put(newName, src);
        newDir.negatives.remove(newName);
        if (replaced != null && replaced != src) {
            replaced.removed = true;
            if (!replaced.hasLocalState()) {
                byIno.remove(replaced.ino);
            }
        }
        if (oldDir != newDir || !oldName.equals(newName)) {
            oldDir.children.remove(oldName, src);
            addNegative(oldDir, oldName);
        }
    }

    /**
     * Keeps the table within its bound. Over it, clean entries go: first those whose attributes have
     * expired, then any clean leaf (it is found again with a probe if asked for). Entries with local
     * state, and directories that still hold children, stay. A sweep brings the table to 90% of the
     * bound, so its cost is spread over many registrations.
     */
    private void maybeEvict() {
        if (byIno.size() <= cfg.maxInodes()) {
            return;
        }
        synchronized (byIno) {
            int target = cfg.maxInodes() - cfg.maxInodes() / 10;
            long now = now();
            sweep(target, i -> !i.attrs.isFresh(now));
            sweep(target, i -> true);
        }
    }

    private void sweep(int target, java.util.function.Predicate<Inode> evictable) {
        Iterator<Inode> it = byIno.values().iterator();
        while (it.hasNext() && byIno.size() > target) {
            Inode i = it.next();
            Inode p = i.parent();
            if (p == null || i.hasLocalState() || (i.isDirectory() && !i.children.isEmpty()) || !evictable.test(i)) {
                continue;
            }
            p.children.remove(i.name(), i);
            p.listed = false;
            p.evictions++;
            it.remove();
        }
    }

    // ---------------------------------------------------------------- listings

    /** One directory page. */
    CompletableFuture<ListPage> listPage(Inode dir, String token) {
        return store.list(ListRequest.directory(dirKey(dir), token))
                .exceptionallyCompose(err -> CompletableFuture.failedFuture(StoreErrors.toFs(err, "LIST " + dirKey(dir))));
    }

    /**
     * Turns a listing page into directory entries, recording each child with the attributes the
     * listing gives (size, ETag, mtime; complete only once a HEAD fills in mode and owner).
     */
    void absorb(Inode dir, ListPage page, List<DirEntry> out, Set<String> seen) {
        String dk = dirKey(dir);
        long fresh = freshUntil();
        for (String prefix : page.commonPrefixes()) {
            String name = prefix.substring(dk.length(), prefix.length() - 1);
            if (!validName(name) || !seen.add(name)) {
                continue;
            }
            Inode c = dir.children.get(name);
            if (c == null || !c.isDirectory()) {
                c = register(dir, name, new Attrs(S3fsMetadata.implicitDirectory(cfg.defaults(), wallNanos()),
                        0, null, null, true, false, fresh));
            }
            out.add(new DirEntry(name, c.ino, InodeAttr.S_IFDIR, out.size() + 1));
        }
        for (ListPage.Entry o : page.objects()) {
            if (o.key().equals(dk)) {
                continue;
            }
            String name = o.key().substring(dk.length());
            if (!validName(name) || !seen.add(name)) {
                continue;
            }
            Inode c = dir.children.get(name);
            if (c != null && !c.isDirectory() && (c.hasLocalState()
                    || (c.attrs.complete() && o.etag() != null && o.etag().equals(c.attrs.etag())))) {
                // Same bytes, so the cached attributes stay; but a listing says nothing of the headers (a
                // chmod by another client keeps the ETag), so it must not extend their expiry.
            } else {
                PosixMeta guess = S3fsMetadata.decode(o.key(), null, Map.of(), o.lastModified(), cfg.defaults());
                c = register(dir, name, new Attrs(guess, o.size(), o.etag(), null, true, false, fresh));
            }
            out.add(new DirEntry(name, c.ino, c.type(), out.size() + 1));
        }
    }

    /**
     * After the last page: add local-only children and forget children the store no longer has. The
     * directory is marked completely listed only if no child was evicted since {@code evictionsAtStart}.
     */
    void finishListing(Inode dir, List<DirEntry> out, Set<String> seen, int evictionsAtStart) {
        boolean wholeListing = dir.evictions == evictionsAtStart;
        for (Map.Entry<String, Inode> e : dir.children.entrySet()) {
            Inode c = e.getValue();
            if (seen.contains(e.getKey())) {
                continue;
            }
            if (c.hasLocalState()) {
                seen.add(e.getKey());
                out.add(new DirEntry(e.getKey(), c.ino, c.type(), out.size() + 1));
            } else if (wholeListing) {
                detach(dir, e.getKey());
            }
        }
        if (wholeListing) {
            dir.negatives.clear();
            dir.listedUntil = freshUntil();
            dir.listed = true;
        }
    }

    static boolean validName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    // ---------------------------------------------------------------- attributes

    InodeAttr toAttr(Inode i) {
        Attrs a = i.attrs;
        PosixMeta p = a.posix();
        long size = a.size();
        OpenFile of = i.openFile();
        if (of != null) {
            synchronized (of) {
                size = of.size;
            }
        }
        int nlink = i.isDirectory() ? 2 : 1;
        return new InodeAttr(i.ino, p.mode(), nlink, p.uid(), p.gid(), size, p.atimeNanos(), p.mtimeNanos(),
                p.ctimeNanos());
    }

    /** Ensures the attributes came from a HEAD (mode, owner, xattrs), fetching them if not. */
    CompletableFuture<Inode> complete(Inode i) {
        if (i.attrs.complete() || i.hasLocalState() || i.parent() == null) {
            return CompletableFuture.completedFuture(i);
        }
        return probe(i.parent(), i.name()).thenApply(found -> {
            if (found != i) {
                throw new FsException(FsError.ESTALE, i + " was replaced in the store");
            }
            return i;
        });
    }

    /** Re-reads attributes whose TTL ran out. */
    CompletableFuture<Inode> revalidate(Inode i) {
        if (i.parent() == null || i.hasLocalState() || i.removed || i.attrs.isFresh(now())) {
            return i.attrs.complete() || i.parent() == null || i.hasLocalState()
                    ? CompletableFuture.completedFuture(i) : complete(i);
        }
        Inode parent = i.parent();
        String name = i.name();
        return probe(parent, name).handle((found, err) -> {
            if (err != null) {
                FsException fe = StoreErrors.toFs(err, "revalidate " + i);
                throw fe.error() == FsError.ENOENT
                        ? new FsException(FsError.ENOENT, i + " was deleted in the store") : fe;
            }
            if (found != i) {
                throw new FsException(FsError.ESTALE, i + " was replaced in the store");
            }
            return i;
        });
    }

    static boolean isStoreNotFound(Throwable t) {
        StoreException se = StoreException.unwrap(t);
        return se != null && se.kind() == StoreException.Kind.NOT_FOUND;
    }
}
