package org.ltibridge.lti13.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An external LTI 1.3 tool registered in our platform (its LTI 1.3 registration): where its OIDC
 * login and launch live, where it may receive id_tokens (exact redirect URIs), how its client
 * assertions are verified (a JWKS URL or one public key) and which service scopes it may be
 * granted. LTI Bridge's own tool role registers itself the same way: it is just data.
 */
@Entity
@Table(name = "lti_tools")
@NamedQuery(name = Tool.ALL, query = "SELECT t FROM Tool t ORDER BY t.name, t.id")
@NamedQuery(name = Tool.BY_CLIENT, query = "SELECT t FROM Tool t WHERE t.clientId = :clientId")
public class Tool {

  public static final String ALL = "Tool.all";
  public static final String BY_CLIENT = "Tool.byClient";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "client_id", nullable = false, unique = true)
  private String clientId;

  @Column(name = "login_url", nullable = false)
  private String loginUrl;

  @Column(name = "launch_url", nullable = false)
  private String launchUrl;

  @Column(name = "redirect_uris", nullable = false)
  private String redirectUris;

  @Column(name = "jwks_url")
  private String jwksUrl;

  @Column(name = "public_key_pem")
  private String publicKeyPem;

  @Column(nullable = false)
  private String scopes;

  @Column(nullable = false)
  private boolean active;

  /** Bumped by every change; an access token carries the revision it was issued at. */
  @Column(nullable = false)
  private long revision = 1;

  /**
   * The lowest revision whose access tokens are honoured: raised to the current one when the tool's
   * key changes, so that the tokens obtained with the old key stop working at once.
   */
  @Column(name = "token_revision", nullable = false)
  private long tokenRevision;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected Tool() {}

  public Tool(
      String name,
      String clientId,
      String loginUrl,
      String launchUrl,
      List<String> redirectUris,
      String jwksUrl,
      String publicKeyPem,
      Set<String> scopes,
      LocalDateTime now) {
    this.name = name;
    this.clientId = clientId;
    this.loginUrl = loginUrl;
    this.launchUrl = launchUrl;
    this.redirectUris = String.join("\n", redirectUris);
    this.jwksUrl = jwksUrl;
    this.publicKeyPem = publicKeyPem;
    this.scopes = scopes.stream().sorted().collect(Collectors.joining(" "));
    this.active = true;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String clientId() {
    return clientId;
  }

  public String loginUrl() {
    return loginUrl;
  }

  public String launchUrl() {
    return launchUrl;
  }

  public List<String> redirectUris() {
    return Arrays.stream(redirectUris.split("\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** LTI 1.3 Core §5.1.1.1 / OIDC: the redirect URI must match a registered one exactly. */
  public boolean allowsRedirect(String uri) {
    return uri != null && redirectUris().contains(uri);
  }

  public String jwksUrl() {
    return jwksUrl;
  }

  public String publicKeyPem() {
    return publicKeyPem;
  }

  public Set<String> scopes() {
    return Arrays.stream(scopes.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  public boolean active() {
    return active;
  }

  /** Points the tool at new addresses (the built-in tool follows LTI Bridge's own URL). */
  public void moveTo(
      String loginUrl,
      String launchUrl,
      List<String> redirectUris,
      String jwksUrl,
      LocalDateTime now) {
    this.loginUrl = loginUrl;
    this.launchUrl = launchUrl;
    this.redirectUris = String.join("\n", redirectUris);
    this.jwksUrl = jwksUrl;
    this.revision++;
    this.updatedAt = now;
  }

  /**
   * An admin's edit of the registration (the client id stays: it names the tool everywhere). A
   * changed key revokes the tokens issued so far; changed scopes need not, since every service
   * request is judged against the scopes the tool has now.
   */
  public void edit(
      String name,
      String loginUrl,
      String launchUrl,
      List<String> redirectUris,
      String jwksUrl,
      String publicKeyPem,
      Set<String> scopes,
      LocalDateTime now) {
    boolean newKey =
        !Objects.equals(this.jwksUrl, jwksUrl) || !Objects.equals(this.publicKeyPem, publicKeyPem);
    this.name = name;
    this.loginUrl = loginUrl;
    this.launchUrl = launchUrl;
    this.redirectUris = String.join("\n", redirectUris);
    this.jwksUrl = jwksUrl;
    this.publicKeyPem = publicKeyPem;
    this.scopes = scopes.stream().sorted().collect(Collectors.joining(" "));
    this.revision++;
    if (newKey) {
      this.tokenRevision = revision;
    }
    this.updatedAt = now;
  }

  /**
   * Deactivating refuses the tool's launches, token requests and the access tokens it holds (every
   * service request reads this flag); reactivating restores all three, its unexpired tokens
   * included, so that a tool that caches its token (ltijs does, for the hour) works again at once.
   * A key change is what revokes tokens for good ({@link #edit}).
   */
  public void setActive(boolean active, LocalDateTime now) {
    if (this.active == active) {
      return;
    }
    this.active = active;
    this.revision++;
    this.updatedAt = now;
  }

  public long revision() {
    return revision;
  }

  public long tokenRevision() {
    return tokenRevision;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
