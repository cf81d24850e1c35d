package io.fluxfs.engine.model;

import io.fluxfs.engine.fs.FileSystem.XattrMode;
import io.fluxfs.testkit.model.ModelNode;
import io.fluxfs.testkit.model.Op;
import io.fluxfs.testkit.model.ReferenceModel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static io.fluxfs.testkit.model.ReferenceModel.child;

/**
 * Random ops, seeded. Names come from a small alphabet so that paths collide often, and include the
 * characters that trouble S3 listings ({@code "a-b"} and {@code "a.b"} sort before {@code "a/"}), a space
 * and a non-ASCII letter. Most ops aim at paths the model has; some at paths that do not exist or whose
 * parent is a file, to check the errors.
 */
final class OpGenerator {
    private static final String[] NAMES = {"a", "b", "a-b", "a.b", "c d", "é", "z"};
    private static final String[] XATTRS = {"user.a", "user.b", "user.mime_type"};
    private static final int[] MODES = {0644, 0600, 0755, 0664, 0700, 0444};
    private static final int[] UMASKS = {0, 022, 077};
    private static final long BIG = 16L << 20;

    private final SplittableRandom r;
    private final Predicate<ModelNode> removeXattrTarget;
    private int bigFilesLeft;

    /**
     * @param bigFiles how many files above 16 MiB (multipart) this run may create
     * @param dirXattrRemoval whether removexattr aims at directories too
     */
    OpGenerator(long seed, int bigFiles, boolean dirXattrRemoval) {
        this.r = new SplittableRandom(seed);
        this.bigFilesLeft = bigFiles;
        this.removeXattrTarget = dirXattrRemoval ? n -> !n.isLink() : ModelNode::isFile;
    }

    long nextClockStep() {
        return 1_000_000L + r.nextLong(2_000_000_000L);
    }

    Op next(ReferenceModel m) {
        int w = r.nextInt(100);
        if (w < 14) {
            return createWrite(m);
        } else if (w < 22) {
            String p = fileOrAny(m);
            ModelNode n = m.get(p);
            long size = n != null && n.isFile() ? n.size() : 0;
            return new Op.WriteAt(p, r.nextLong(size + 5000), 1 + r.nextInt(r.nextBoolean() ? 100 : 70_000), r.nextLong());
        } else if (w < 27) {
            return new Op.Append(fileOrAny(m), 1 + r.nextInt(r.nextBoolean() ? 50 : 20_000), r.nextLong());
        } else if (w < 33) {
            String p = fileOrAny(m);
            ModelNode n = m.get(p);
            long size = n != null && n.isFile() ? n.size() : 0;
            long[] choices = {0, size / 2, size, size + 1 + r.nextInt(100_000), r.nextLong(size + 1)};
            return new Op.Truncate(p, choices[r.nextInt(choices.length)]);
        } else if (w < 45) {
            return rename(m);
        } else if (w < 51) {
            return new Op.Unlink(r.nextInt(4) > 0 ? pick(m, n -> !n.isDir(), false) : any(m));
        } else if (w < 59) {
            return new Op.Mkdir(r.nextInt(5) > 0 ? newChild(m) : any(m), MODES[r.nextInt(MODES.length)] | 0700,
                    UMASKS[r.nextInt(UMASKS.length)]);
        } else if (w < 65) {
            return new Op.Rmdir(r.nextInt(4) > 0 ? pick(m, ModelNode::isDir, false) : any(m));
        } else if (w < 69) {
            return new Op.Chmod(pick(m, n -> !n.isLink(), true), r.nextInt(01000));
        } else if (w < 73) {
            return new Op.Utimens(pick(m, n -> true, true), time(), time());
        } else if (w < 77) {
            String[] targets = {"a", "../b", "/etc/passwd", "c d/é", "x".repeat(1 + r.nextInt(300))};
            return new Op.Symlink(targets[r.nextInt(targets.length)], r.nextInt(5) > 0 ? newChild(m) : any(m));
        } else if (w < 79) {
            return new Op.Readlink(r.nextInt(4) > 0 ? pick(m, ModelNode::isLink, false) : any(m));
        } else if (w < 80) {
            return new Op.Link(any(m), newChild(m));
        } else if (w < 85) {
            XattrMode[] modes = XattrMode.values();
            return new Op.SetXattr(pick(m, n -> !n.isLink(), true), xattr(), r.nextInt(40), r.nextLong(),
                    modes[r.nextInt(modes.length)]);
        } else if (w < 87) {
            String p = pick(m, n -> !n.isLink() && (n.xattrs().size() > 0 || r.nextInt(4) == 0), true);
            return new Op.GetXattr(p, xattr(m, p));
        } else if (w < 90) {
            String p = pick(m, removeXattrTarget.and(n -> n.xattrs().size() > 0 || r.nextInt(4) == 0), true);
            return new Op.RemoveXattr(p, xattr(m, p));
        } else if (w < 92) {
            return new Op.Remount();
        } else if (w < 93) {
            return new Op.Expire();
        } else {
            return other(m);
        }
    }

    private Op createWrite(ReferenceModel m) {
        int k = r.nextInt(20);
        String p = k < 12 ? newChild(m) : k < 17 ? pick(m, ModelNode::isFile, false) : any(m);
        return new Op.CreateWrite(p, size(), r.nextLong(), MODES[r.nextInt(MODES.length)], UMASKS[r.nextInt(UMASKS.length)],
                r.nextInt(4) == 0);
    }

    private Op rename(ReferenceModel m) {
        String from = r.nextInt(5) > 0 ? pick(m, n -> true, false) : any(m);
        int k = r.nextInt(20);
        String to = k < 8 ? newChild(m)
                : k < 14 ? pick(m, n -> true, false)
                : k < 17 ? any(m)
                : k < 19 ? child(from, NAMES[r.nextInt(NAMES.length)])
                : ReferenceModel.parentOf(from).equals("/") ? any(m) : ReferenceModel.parentOf(from);
        // RENAME_NOREPLACE onto itself is refused by the kernel before it reaches the filesystem.
        boolean noReplace = !to.equals(from) && r.nextInt(4) == 0;
        return new Op.Rename(from, to, noReplace);
    }

    /** Another S3 client's step; falls back to letting the TTL pass when nothing fits. */
    private Op other(ReferenceModel m) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int k = r.nextInt(10);
            if (k < 5) {
                String p = r.nextBoolean() ? pick(m, n -> !n.isDir(), false) : r.nextInt(3) > 0 ? newChild(m)
                        : child(newChild(m), NAMES[r.nextInt(NAMES.length)]);
                if (!p.equals("/") && m.canPutFileAt(p)) {
                    boolean headers = r.nextBoolean();
                    return new Op.OtherPut(p, size(), r.nextLong(), headers ? r.nextInt(01000) : null,
                            headers ? fixedTime() : null);
                }
            } else if (k < 7) {
                List<String> files = matching(m, n -> !n.isDir(), false);
                if (!files.isEmpty()) {
                    return new Op.OtherDelete(files.get(r.nextInt(files.size())));
                }
            } else if (k < 9) {
                String p = r.nextInt(4) > 0 ? newChild(m) : child(newChild(m), NAMES[r.nextInt(NAMES.length)]);
                // Only where no marker is: S3Proxy merges the headers of a PUT over an existing marker into the old ones.
                ModelNode there = m.get(p);
                if (!p.equals("/") && m.canPutMarkerAt(p) && (there == null || there.implicit())) {
                    boolean headers = r.nextBoolean();
                    return new Op.OtherMkdir(p, headers ? r.nextInt(01000) : null, headers ? fixedTime() : null);
                }
            } else {
                List<String> dirs = matching(m, n -> n.isDir() && !n.implicit(), false);
                if (!dirs.isEmpty()) {
                    return new Op.OtherRemoveMarker(dirs.get(r.nextInt(dirs.size())));
                }
            }
        }
        return new Op.Expire();
    }

    private int size() {
        int k = r.nextInt(1000);
        if (k < 100) {
            return 0;
        } else if (k < 450) {
            return 1 + r.nextInt(200);
        } else if (k < 850) {
            return 200 + r.nextInt(70_000);
        } else if (k < 997 || bigFilesLeft == 0) {
            return 70_000 + r.nextInt(1_200_000);
        }
        bigFilesLeft--;
        return (int) (BIG + 1 + r.nextInt(1 << 20));
    }

    private Long time() {
        int k = r.nextInt(20);
        return k < 3 ? null : k < 6 ? Op.NOW : fixedTime();
    }

    /** Any time from 1960 to 2040, with nanoseconds; some whole seconds. */
    private long fixedTime() {
        long seconds = -315_619_200L + r.nextLong(2_524_608_000L);
        return seconds * 1_000_000_000L + (r.nextInt(4) == 0 ? 0 : r.nextLong(1_000_000_000L));
    }

    private String xattr() {
        return XATTRS[r.nextInt(XATTRS.length)];
    }

    /** Mostly a name the node has, when it has any. */
    private String xattr(ReferenceModel m, String path) {
        ModelNode n = path == null ? null : m.get(path);
        if (n != null && !n.xattrs().isEmpty() && r.nextInt(4) > 0) {
            List<String> names = new ArrayList<>(n.xattrs().keySet());
            return names.get(r.nextInt(names.size()));
        }
        return xattr();
    }

    private String fileOrAny(ReferenceModel m) {
        return r.nextInt(5) > 0 ? pick(m, ModelNode::isFile, false) : any(m);
    }

    /** A path the model has that matches, else any path. */
    private String pick(ReferenceModel m, Predicate<ModelNode> p, boolean rootToo) {
        List<String> c = matching(m, p, rootToo);
        return c.isEmpty() ? any(m) : c.get(r.nextInt(c.size()));
    }

    private static List<String> matching(ReferenceModel m, Predicate<ModelNode> p, boolean rootToo) {
        List<String> out = new ArrayList<>();
        for (String path : m.paths()) {
            if ((rootToo || !path.equals("/")) && p.test(m.get(path))) {
                out.add(path);
            }
        }
        return out;
    }

    /** A name in a directory the model has (which may exist already). */
    private String newChild(ReferenceModel m) {
        List<String> dirs = matching(m, ModelNode::isDir, true);
        return child(dirs.get(r.nextInt(dirs.size())), NAMES[r.nextInt(NAMES.length)]);
    }

    /** Mostly an existing path; else 1..3 random names (missing, or under a file). */
    private String any(ReferenceModel m) {
        if (r.nextInt(4) > 0) {
            List<String> all = matching(m, n -> true, false);
            if (!all.isEmpty()) {
                return all.get(r.nextInt(all.size()));
            }
        }
        StringBuilder sb = new StringBuilder();
        int depth = 1 + r.nextInt(3);
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(NAMES[r.nextInt(NAMES.length)]);
        }
        return sb.toString();
    }
}
