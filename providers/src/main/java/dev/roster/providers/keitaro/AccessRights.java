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
    Map<String, Object> access = new LinkedHashMap<>();
    if (accessData == null) {
      return access;
    }
    TYPES.forEach((ours, theirs) -> {
      if (accessData.get(theirs) != null) {
        access.put(ours, accessData.get(theirs));
      }
    });
    for (String list : LISTS) {
      if (accessData.get(list) != null) {
        access.put(list, accessData.get(list));
      }
    }
    return access;
  }

  static Map<String, Object> toApi(Map<?, ?> access) {
    Map<String, Object> data = new LinkedHashMap<>();
    TYPES.forEach((ours, theirs) -> {
      if (access.get(ours) != null) {
        data.put(theirs, access.get(ours));
      }
    });
    for (String list : LISTS) {
      if (access.get(list) != null) {
        data.put(list, access.get(list));
      }
    }
    return data;
  }
}
