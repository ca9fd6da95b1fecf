package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API calls a mock server received, as the RBAC verbs on resources they need:
 * {@code "group/resource" -> verbs} ("" is the core group), the form a Role's rules flatten to.
 */
final class ApiCalls {
  private final Map<String, Set<String>> verbs = new TreeMap<>();
  private final List<String> seen = new ArrayList<>();

  /** Forgets what {@code server} received so far (a fixture's set-up, say). */
  static void discard(KubernetesMockServer server) throws InterruptedException {
    while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
      // dropped
    }
  }

  /** Adds what {@code server} received since the last call; the calls answered are all queued. */
  void take(KubernetesMockServer server) throws InterruptedException {
    for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
        r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
      seen.add(r.getMethod() + " " + r.getPath());
      Call call = Call.of(r.getMethod(), r.getPath());
      verbs.computeIfAbsent(call.group() + "/" + call.resource(), k -> new TreeSet<>()).add(call.verb());
    }
  }

  Map<String, Set<String>> verbs() {
    return verbs;
  }

  /** Every request, for a failure's message. */
  List<String> seen() {
    return seen;
  }

  /** One request as RBAC sees it. */
  record Call(String group, String resource, String verb) {
    /**
     * From the method and path: {@code /api/v1/...} is the core group, {@code /apis/<group>/<version>/...}
     * a named one; then an optional {@code namespaces/<ns>}, the resource, its name and a subresource
     * (which RBAC names {@code resource/subresource}).
     */
    static Call of(String method, String pathAndQuery) {
      URI uri = URI.create(pathAndQuery);
      String[] p = uri.getPath().replaceFirst("^/", "").split("/");
      int i;
      String group;
      if (p[0].equals("api")) {
        group = "";
        i = 2;
      } else if (p[0].equals("apis")) {
        group = p[1];
        i = 3;
      } else {
        throw new IllegalArgumentException("not a Kubernetes API resource path: " + pathAndQuery);
      }
      if (p.length > i + 2 && p[i].equals("namespaces")) {
        i += 2; // a namespaced resource; "namespaces/<name>" alone would be the namespace itself
      }
      String resource = p[i];
      boolean named = p.length > i + 1;
      if (p.length > i + 2) {
        resource = resource + "/" + p[i + 2];
      }
      boolean watch = uri.getQuery() != null && uri.getQuery().matches("(.*&)?watch=(true|1)(&.*)?");
      String verb = switch (method) {
        case "GET" -> watch ? "watch" : named ? "get" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> named ? "delete" : "deletecollection";
        default -> throw new IllegalArgumentException("method " + method + " of " + pathAndQuery);
      };
      return new Call(group, resource, verb);
    }
  }
}
