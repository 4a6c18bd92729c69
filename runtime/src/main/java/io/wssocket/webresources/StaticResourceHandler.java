package io.wssocket.webresources;

import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.HttpStatusException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one plain HTTP request (not a WebSocket upgrade) from the resource roots its path
 * belongs to: 200 with the file, 304 when the client's copy is current, 301 to add the slash to
 * a directory, 404, 405 for methods other than GET and HEAD, 400 for a path that could leave the
 * root. Every answer closes the connection ({@code Connection: close}): the handshake parser
 * reads one request head per connection. Reads files, so it runs off the event loop.
 */
public final class StaticResourceHandler {
    private static final System.Logger LOG = System.getLogger(StaticResourceHandler.class.getName());
    private static final String INDEX = "index.html";

    private final long maxFileSize;

    /** @param maxFileSize the largest file served, in bytes; larger ones are answered with 500 */
    public StaticResourceHandler(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** The whole response, head and content, ready to be written. */
    public ByteBuffer[] respond(HttpRequest request, ResourceMounts.Selection selection, InetSocketAddress remote) {
        boolean head = request.method().equals("HEAD");
        try {
            return answer(request, selection.mounts(), ResourcePath.parse(selection.remainder()), head);
        } catch (HttpStatusException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "static request " + request.method() + " " + request.target()
                    + " from " + remote + " refused with " + e.status() + ": " + e.getMessage());
            return new ByteBuffer[] {HttpResponseWriter.error(e, !head)};
        }
    }

    private ByteBuffer[] answer(HttpRequest request, List<ResourceMounts.Mount> mounts, ResourcePath path, boolean head)
            throws HttpStatusException {
        checkVersionAndHost(request);
        WebResource resource = find(mounts, path.directory() ? path.child(INDEX) : path);
        boolean redirect = false;
        if (resource == null && !path.directory()) {
            // A directory named without its slash: relative links in its index page need the slash.
            redirect = find(mounts, path.child(INDEX)) != null;
        }
        if (resource == null && !redirect) {
            throw new HttpStatusException(404, "Nothing at " + request.path());
        }
        if (!head && !request.method().equals("GET")) {
            // RFC 9110 §15.5.6: 405 lists the methods the resource supports.
            throw new HttpStatusException(405, "Static resources answer GET and HEAD only, not " + request.method(),
                    Map.of("Allow", "GET, HEAD"));
        }
        if (redirect) {
            return redirect(request);
        }
        return serve(request, resource, head);
    }

    /** RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host; HTTP/1.0 is served too (RFC 9110 §2.5). */
    private static void checkVersionAndHost(HttpRequest request) throws HttpStatusException {
        if (!request.version().startsWith("HTTP/1.")) {
            throw new HttpStatusException(505, request.version() + " is not supported; send HTTP/1.1");
        }
        if (!request.version().equals("HTTP/1.0") && request.headerValues("Host").size() != 1) {
            throw new HttpStatusException(400, "An HTTP/1.1 request needs exactly one Host header (RFC 9112 §3.2)");
        }
    }

    private static WebResource find(List<ResourceMounts.Mount> mounts, ResourcePath path) throws HttpStatusException {
        for (ResourceMounts.Mount mount : mounts) {
            for (ResourceRoot root : mount.roots()) {
                try {
                    WebResource resource = root.find(path);
                    if (resource != null) {
                        return resource;
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot look up " + path.relativeName() + " in " + root + ": " + e);
                    throw new HttpStatusException(500, "The resource could not be read");
                }
            }
        }
        return null;
    }

    /** RFC 9110 §15.4.2; a relative Location is allowed (RFC 9110 §10.2.2). */
    private static ByteBuffer[] redirect(HttpRequest request) {
        String location = request.path() + "/" + (request.query() == null ? "" : "?" + request.query());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("Content-Length", "0");
        headers.put("Connection", "close");
        return new ByteBuffer[] {HttpResponseWriter.head(301, headers)};
    }

    private ByteBuffer[] serve(HttpRequest request, WebResource resource, boolean head) throws HttpStatusException {
        if (resource.size() > maxFileSize) {
            throw tooLarge(resource, resource.size());
        }
        ConditionalGet validators = ConditionalGet.of(resource);
        Map<String, String> headers = new LinkedHashMap<>();
        if (validators.notModified(request)) {
            // RFC 9110 §15.4.5: 304 carries the validators and caching headers a 200 would have.
            validatorHeaders(headers, validators);
            headers.put("Connection", "close");
            return new ByteBuffer[] {HttpResponseWriter.head(304, headers)};
        }
        byte[] content = head && resource.size() >= 0 ? null : read(resource);
        headers.put("Content-Type", ContentTypes.of(resource.name()));
        headers.put("Content-Length", Long.toString(content == null ? resource.size() : content.length));
        // A browser must not guess another type than the one named (Fetch Standard, "X-Content-Type-Options").
        headers.put("X-Content-Type-Options", "nosniff");
        validatorHeaders(headers, validators);
        headers.put("Connection", "close");
        ByteBuffer responseHead = HttpResponseWriter.head(200, headers);
        return head ? new ByteBuffer[] {responseHead} : new ByteBuffer[] {responseHead, ByteBuffer.wrap(content)};
    }

    /** RFC 9111 §5.2.2.4: no-cache lets a browser keep the file but revalidate it, so a redeployed page shows at once. */
    private static void validatorHeaders(Map<String, String> headers, ConditionalGet validators) {
        headers.put("ETag", validators.etag());
        if (validators.hasLastModified()) {
            headers.put("Last-Modified", validators.lastModified());
        }
        headers.put("Cache-Control", "no-cache");
    }

    /** The content, read whole; never more than the limit, even if the file grew since it was found. */
    private byte[] read(WebResource resource) throws HttpStatusException {
        byte[] content;
        try (InputStream in = resource.open()) {
            content = in.readNBytes((int) maxFileSize + 1);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read static resource " + resource.name() + ": " + e);
            throw new HttpStatusException(500, "The resource could not be read");
        }
        if (content.length > maxFileSize) {
            throw tooLarge(resource, content.length);
        }
        return content;
    }

    /** Not the client's fault but the deployment's: a warning for the operator, 500 for the client. */
    private HttpStatusException tooLarge(WebResource resource, long size) {
        LOG.log(System.Logger.Level.WARNING, "static resource " + resource.name() + " (" + size + " bytes) is larger than "
                + "max-static-file-size (" + maxFileSize + " bytes); not served");
        return new HttpStatusException(500, "The resource is larger than this server serves");
    }
}
