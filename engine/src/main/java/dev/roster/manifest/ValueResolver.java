package dev.roster.manifest;

import dev.roster.spi.AccountModel;
import dev.roster.spi.Json;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A file's values as plain Java values, with their {@code ${env:…}} and {@code ${file:…}} references
 * resolved: to secrets where the value is a credential, else to strings. A reference that cannot be
 * resolved is a problem at its place, or for validate only a warning.
 */
final class ValueResolver {
  private final References references;
  /** Where a missing variable or file goes: null makes it a problem, else a warning (validate). */
  private final List<Problem> missingReferences;
  private final List<Problem> problems;

  ValueResolver(References references, List<Problem> missingReferences, List<Problem> problems) {
    this.references = references;
    this.missingReferences = missingReferences;
    this.problems = problems;
  }

  /** An account's (or a defaults block's) attributes: those the model marks sensitive resolve to secrets. */
  Map<String, Object> attributes(JsonNode map, YamlFile file, AccountModel model) {
    return attributes(map, file, name -> model.attribute(name).sensitive());
  }

  /** @param at where the value is written */
  Object resolve(JsonNode node, YamlFile file, Source at, boolean secret) {
    if (node.isString()) {
      try {
        return references.resolve(node.asString(), file.dir(), secret);
      } catch (IllegalArgumentException e) {
        if (missingReferences == null) {
          problems.add(new Problem(at, e.getMessage()));
        } else {
          missingReferences.add(new Problem(at, e.getMessage() + " (plan and apply need it)"));
        }
        return node.asString(); // unresolved: not checked as a literal secret
      }
    }
    if (node.isObject()) {
      return attributes(node, file, key -> secret);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        out.add(resolve(node.get(i), file, file.valueAt(node, i), secret));
      }
      return out;
    }
    return Json.MAPPER.convertValue(node, Object.class);
  }

  /** A problem for a credential written in the file; an unresolved reference is already one. */
  void refuseLiteral(Object value, String what, Source at) {
    if (!(value instanceof Secret) && !(value instanceof String s && References.hasReference(s))) {
      problems.add(new Problem(at, what + ": write it as ${env:NAME} or ${file:PATH} so that it stays out of Git"));
    }
  }

  /** @param secret the keys whose values, with what they hold, are secrets when they hold a reference */
  private Map<String, Object> attributes(JsonNode map, YamlFile file, Predicate<String> secret) {
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      Source at = file.valueAt(map, i++);
      out.put(entry.getKey(), resolve(entry.getValue(), file, at, secret.test(entry.getKey())));
    }
    return out;
  }
}
