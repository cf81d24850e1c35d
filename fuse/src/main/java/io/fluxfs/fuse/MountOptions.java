package io.fluxfs.fuse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The libfuse command line of a fluxfs mount: fluxfs's fixed options first, then the user's
 * {@code -o} options, which win when they name the same option.
 *
 * <p>Fixed: {@code big_writes,max_write=131072,max_read=131072} (128 KiB requests, the most libfuse2
 * passes), {@code auto_unmount} (fusermount unmounts if the daemon dies, even by kill -9),
 * {@code default_permissions} (the kernel checks mode bits; the user's {@code no_default_permissions}
 * removes it), {@code fsname=fluxfs#BUCKET} and {@code subtype=fluxfs} (so /proc/mounts shows
 * {@code fluxfs#bucket /mnt fuse.fluxfs}).
 */
public final class MountOptions {

    /** fluxfs's own spelling for "leave permission checks to the filesystem"; never reaches libfuse. */
    public static final String NO_DEFAULT_PERMISSIONS = "no_default_permissions";

    private MountOptions() {
    }

    /** Splits {@code -o} values ("a,b=c") into single options; backslash escapes a comma. */
    public static List<String> split(List<String> dashO) {
        List<String> out = new ArrayList<>();
        for (String group : dashO) {
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < group.length(); i++) {
                char c = group.charAt(i);
                if (c == '\\' && i + 1 < group.length()) {
                    cur.append(c).append(group.charAt(++i));
                } else if (c == ',') {
                    add(out, cur);
                } else {
                    cur.append(c);
                }
            }
            add(out, cur);
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** The value of option {@code name} among {@code options}, or null; "name" alone gives "". */
    public static String value(List<String> options, String name) {
        String found = null;
        for (String o : options) {
            int eq = o.indexOf('=');
            String k = eq < 0 ? o : o.substring(0, eq);
            if (k.equals(name)) {
                found = eq < 0 ? "" : o.substring(eq + 1);
            }
        }
        return found;
    }

    /**
     * The {@code -o} string for libfuse.
     *
     * @param source what /proc/mounts shows as the source, e.g. {@code bucket} or {@code bucket:/prefix}
     */
    public static String fuseOptions(String source, List<String> userOptions) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("big_writes", null);
        opts.put("max_write", "131072");
        opts.put("max_read", "131072");
        opts.put("auto_unmount", null);
        opts.put("default_permissions", null);
        opts.put("fsname", "fluxfs#" + source.replace("\\", "\\\\").replace(",", "\\,"));
        opts.put("subtype", "fluxfs");
        for (String o : userOptions) {
            int eq = o.indexOf('=');
            String k = eq < 0 ? o : o.substring(0, eq);
            if (k.equals(NO_DEFAULT_PERMISSIONS)) {
                opts.remove("default_permissions");
                continue;
            }
            opts.remove(k); // keep the user's order position at the end
            opts.put(k, eq < 0 ? null : o.substring(eq + 1));
        }
        StringBuilder b = new StringBuilder();
        opts.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(k);
            if (v != null) {
                b.append('=').append(v);
            }
        });
        return b.toString();
    }

    /** argv for {@code fuse_main_real}: foreground always (the JVM is the daemon). */
    public static String[] argv(java.nio.file.Path mountPoint, String fuseOptions, boolean singleThreaded, boolean debug) {
        List<String> a = new ArrayList<>(List.of("fluxfs", "-f"));
        if (singleThreaded) {
            a.add("-s");
        }
        if (debug) {
            a.add("-d");
        }
        a.add("-o");
        a.add(fuseOptions);
        a.add(mountPoint.toAbsolutePath().toString());
        return a.toArray(String[]::new);
    }
}
