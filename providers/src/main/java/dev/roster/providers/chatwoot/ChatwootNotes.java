package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the plan shows under a Chatwoot change: whom Chatwoot e-mails, what it cannot do, what will fail. */
final class ChatwootNotes {
  private ChatwootNotes() {}

  /** @param withPlatformApi whether the instance has a platformToken */
  static List<String> of(Change change, boolean withPlatformApi, long accountId) {
    return switch (change.action()) {
      case CREATE -> withPlatformApi ? createThroughPlatformApi(change) : invite(change);
      case UPDATE -> update(change, withPlatformApi);
      case DELETE -> List.of("removes the agent from account " + accountId + ", and so from its teams and inboxes there;"
          + " Chatwoot deletes the user as well when no other account is left");
      case SUSPEND -> List.of(); // Chatwoot cannot suspend: the files are refused before a plan is made
    };
  }

  private static List<String> invite(Change change) {
    List<String> notes = new ArrayList<>();
    List<String> needs = PlatformToken.neededToCreate(change);
    if (!needs.isEmpty()) {
      notes.add("will fail: " + PlatformToken.missing(needs));
    }
    notes.add("Chatwoot e-mails the person an invitation to set a password (a new user), or adds the existing user");
    return notes;
  }

  private static List<String> createThroughPlatformApi(Change change) {
    List<String> notes = new ArrayList<>();
    notes.add("creates the user through the Platform API without sending e-mail; an existing user with this e-mail"
        + " is joined as it is (its password is not changed; an invitation it has not accepted yet counts as"
        + " accepted, and its link stops working)");
    if (!(change.desired().get("password") instanceof Secret)) {
      notes.add("no password declared: a random one is set and not kept; the person uses 'Forgot password'");
    }
    return notes;
  }

  private static List<String> update(Change change, boolean withPlatformApi) {
    List<String> notes = new ArrayList<>();
    List<String> profile = PlatformToken.neededToUpdate(change);
    if (!profile.isEmpty() && !withPlatformApi) {
      notes.add("will fail: " + PlatformToken.missing(profile));
    } else if (!profile.isEmpty()) {
      notes.add("changes the user through the Platform API; a user the Platform App does not own yet is claimed"
          + " first (which leaves a user who accepted their invitation as it is)");
      if (change.live().pending()) {
        // an invited user was made by the agents endpoint, so the Platform App claims it, and Chatwoot's
        // claim confirms the user it finds
        notes.add("the invitation is pending: claiming the user accepts it for the person, so its link stops"
            + " working; they set a password with 'Forgot password' on the sign-in page");
      }
    }
    if (change.changes("customAttributes") && change.desired().get("customAttributes") instanceof Map<?, ?> want) {
      Set<String> removed = CustomAttributes.removed(change.live().get("customAttributes"), want);
      if (!removed.isEmpty()) {
        notes.add("Chatwoot cannot remove custom attribute keys: " + String.join(", ", removed)
            + (removed.size() == 1 ? " is" : " are") + " set to null");
      }
    }
    if (change.changes("email") && withPlatformApi) {
      notes.add("the e-mail is the user's: it changes at once in every account the person belongs to, and nobody is"
          + " e-mailed (the Platform API skips the confirmation of a new address)");
    }
    if (change.changes("name")) {
      notes.add("the name is the user's: it changes in every account the person belongs to");
    }
    if (change.changes("availability") && !withPlatformApi && !"offline".equals(change.desired().get("availability"))) {
      notes.add("without platformToken the availability read is the agent's presence: an agent who is not signed in"
          + " reads as offline, so this shows as a change again until they sign in");
    }
    return notes;
  }
}
