package io.fluxfs.engine.model;

import io.fluxfs.engine.fs.FileSystem.XattrMode;
import io.fluxfs.testkit.model.Op;
import io.fluxfs.testkit.s3.S3Servers;
import io.fluxfs.testkit.s3.TestBucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Minimal cases from model runs on the embedded S3 server (S3Proxy) that the in-memory store does not show. */
class ModelFindingsOnEmbeddedS3Test {
    @TempDir
    Path staging;
    private final TestBucket bucket = TestBucket.create(S3Servers.forTests());

    @AfterEach
    void drop() {
        bucket.close();
    }

    /**
     * Seed 102. S3Proxy's HEAD returns no ETag for a directory marker, so once a directory's attributes come
     * from a HEAD (after a remount, or the TTL) the engine takes it for an implicit one and rewrites its
     * headers with a PUT of the marker (FluxFileSystem.updateMeta, {@code i.isDirectory() && a.etag() == null})
     * instead of a self-copy. S3Proxy merges the headers of a PUT over an existing marker into the old ones:
     * a header that goes away stays. So removexattr of a directory's last attribute is undone at remount.
     * (Later probing showed a REPLACE self-copy of the marker keeps the old header on S3Proxy too: the store
     * only adds user metadata to a directory. So this is S3Proxy's bug, and the engine's PUT is correct.)
     */
    @Test
    @Disabled("S3Proxy 4.1 bug, not ours: its nio2 stores keep a directory marker's user metadata as extended "
            + "attributes of a directory and only add to them, so a header removed by PUT or by a REPLACE self-copy "
            + "stays (probed: the new ctime lands, the old xattr header remains). AWS S3 and MinIO replace headers.")
    void removedDirectoryXattrStaysRemovedAfterRemount() {
        ModelRun.replay(bucket.store(), staging,
                new Op.Mkdir("/d", 0755, 0),
                new Op.SetXattr("/d", "user.a", 3, 1, XattrMode.UPSERT),
                new Op.Remount(),
                new Op.RemoveXattr("/d", "user.a"),
                new Op.Remount());
    }
}
