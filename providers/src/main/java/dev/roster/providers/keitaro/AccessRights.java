package dev.roster.providers.keitaro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access rights in the manifest's words ({@code offers: read_only}) and in the API's
 * ({@code offers_access_type: read_only}).
 */
final class AccessRights {
  /** Manifest key to API key; resources and reports are lists with the same name on both sides. */
  static final Map<String, String> TYPES = Map.of(
      "offers", "offers_access_type",
      "campaigns", "campaigns_access_type",
      "landings", "landings_access_type",
      "trafficSources", "traffic_sources_access_type",
      "streams", "streams_access_type",
      "affiliateNetworks", "affiliate_networks_access_type",
      "domains", "domains_access_type");
  private static final String[] LISTS = {"resources", "reports"};

  private AccessRights() {}

  static Map<String, Object> fromApi(Map<?, ?> accessData) {
    return renamed(accessData, false);
  }

  static Map<String, Object> toApi(Map<?, ?> access) {
    return renamed(access, true);
  }

  /** The rights {@code from} sets, under the other side's keys. */
  private static Map<String, Object> renamed(Map<?, ?> from, boolean toApi) {
    Map<String, Object> to = new LinkedHashMap<>();
    TYPES.forEach((ours, theirs) -> {
      Object value = from.get(toApi ? ours : theirs);
      if (value != null) {
        to.put(toApi ? theirs : ours, value);
      }
    });
    for (String list : LISTS) {
      if (from.get(list) != null) {
        to.put(list, from.get(list));
      }
    }
    return to;
  }
}
