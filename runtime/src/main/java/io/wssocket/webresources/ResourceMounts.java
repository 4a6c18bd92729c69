package io.wssocket.webresources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The resource roots of the deployed applications, by context path. A request path belongs to
 * the longest context path it starts with at a segment boundary, as in a Servlet container; the
 * roots of every application under that context path are searched in the order they were added,
 * and never those of another context path, so one application cannot serve another's files.
 */
public final class ResourceMounts {

    /** One application's roots under its context path ("" or "/name"). */
    public record Mount(String contextPath, List<ResourceRoot> roots) {
        public Mount {
            roots = List.copyOf(roots);
        }
    }

    /** The mounts a request path belongs to, and the path below their context path ("" or "/..."). */
    public record Selection(List<Mount> mounts, String remainder) {
    }

    /** Longest context path first; replaced whole on change so lookups take no lock. */
    private volatile List<Mount> mounts = List.of();

    public synchronized Mount add(String contextPath, List<ResourceRoot> roots) {
        Mount mount = new Mount(contextPath, roots);
        List<Mount> all = new ArrayList<>(mounts);
        all.add(mount);
        // Stable: mounts under one context path keep the order they were added in.
        all.sort(Comparator.comparingInt((Mount m) -> m.contextPath().length()).reversed());
        mounts = List.copyOf(all);
        return mount;
    }

    public synchronized void remove(Mount mount) {
        List<Mount> all = new ArrayList<>(mounts);
        all.removeIf(m -> m == mount);
        mounts = List.copyOf(all);
    }

    /** The mounts serving the raw request path, or null when no context path matches it. */
    public Selection select(String path) {
        List<Mount> chosen = new ArrayList<>();
        String context = null;
        for (Mount mount : mounts) {
            String candidate = mount.contextPath();
            if (context != null) {
                if (!candidate.equals(context)) {
                    break;
                }
            } else if (!isUnder(path, candidate)) {
                continue;
            }
            context = candidate;
            chosen.add(mount);
        }
        return context == null ? null : new Selection(List.copyOf(chosen), path.substring(context.length()));
    }

    private static boolean isUnder(String path, String contextPath) {
        return path.startsWith(contextPath)
                && (path.length() == contextPath.length() || path.charAt(contextPath.length()) == '/');
    }
}
