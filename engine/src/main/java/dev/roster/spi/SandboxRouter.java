package dev.roster.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Matches {@code METHOD /path/{param}} templates for sandboxes. Parameters match one whole path
 * segment and are percent-decoded, so {@code %2F} never becomes a separator.
 */
public final class SandboxRouter {
  private record Route(String method, String[] segments, BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> handler) {}

  private final List<Route> routes = new ArrayList<>();

  public SandboxRouter on(String method, String template, BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> handler) {
    routes.add(new Route(method, split(template), handler));
    return this;
  }

  /** The matching route's answer; 404 for an unknown path, 405 for a known path with another method. */
  public SandboxResponse route(SandboxRequest request, SandboxResponse notFound) {
    String[] path = split(request.path());
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = match(route.segments, path);
      if (params != null) {
        if (route.method.equals(request.method())) {
          return route.handler.apply(request, params);
        }
        pathKnown = true;
      }
    }
    return pathKnown ? SandboxResponse.json(405, Map.of("error", "Method not allowed")) : notFound;
  }

  private static Map<String, String> match(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), URLDecoder.decode(path[i], StandardCharsets.UTF_8));
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }
}
