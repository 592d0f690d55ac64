package org.ltibridge.launch.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * The person the LMS vouches for. Only {@code id} is guaranteed: LMSs may withhold name and email
 * (privacy settings), and LTI 1.3 has no username at all.
 *
 * @param id the LMS's stable user id ({@code user_id} / {@code sub})
 * @param name display name, if sent
 * @param email email address, if sent
 * @param username login name, if sent ({@code ext_user_username}, or a custom claim)
 */
public record LmsUser(
    String id, Optional<String> name, Optional<String> email, Optional<String> username) {

  public LmsUser {
    Objects.requireNonNull(id, "id");
    name = clean(name);
    email = clean(email).map(String::toLowerCase);
    username = clean(username);
  }

  /**
   * The name used to build synthetic identities: the username if sent, else the user id (LAMB
   * lti_landscape.md §11.2).
   */
  public String usernameOrId() {
    return username.orElse(id);
  }

  private static Optional<String> clean(Optional<String> value) {
    return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
  }
}
