package org.ltibridge.lti13.tool.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ltibridge.org.entity.Organization;

/**
 * An LMS registered with LTI Bridge over LTI 1.3 (LTI 1.3 Core §3.1.3): an issuer and the client id
 * the platform gave us, the platform's endpoints, its deployments, and the organisation it belongs
 * to. The same issuer may be registered with several client ids.
 */
@Entity
@Table(name = "lti13_registrations")
@NamedQuery(
    name = Registration.BY_ISSUER,
    query = "SELECT r FROM Registration r WHERE r.issuer = :issuer ORDER BY r.id")
@NamedQuery(
    name = Registration.ALL,
    query = "SELECT r FROM Registration r ORDER BY r.issuer, r.clientId")
@NamedQuery(
    name = Registration.IN_ORGANIZATION,
    query =
        "SELECT r FROM Registration r WHERE r.organization.id = :org ORDER BY r.issuer,"
            + " r.clientId")
public class Registration {

  public static final String BY_ISSUER = "Registration.byIssuer";
  public static final String ALL = "Registration.all";
  public static final String IN_ORGANIZATION = "Registration.inOrganization";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(nullable = false)
  private String issuer;

  @Column(name = "client_id", nullable = false)
  private String clientId;

  @Column(name = "auth_login_url", nullable = false)
  private String authLoginUrl;

  @Column(name = "token_url")
  private String tokenUrl;

  @Column(name = "token_audience")
  private String tokenAudience;

  @Column(name = "jwks_url", nullable = false)
  private String jwksUrl;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RegistrationStatus status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RegistrationSource source;

  @Column(name = "platform_name")
  private String platformName;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @OneToMany(mappedBy = "registration", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("deploymentId")
  private List<Deployment> deployments = new ArrayList<>();

  protected Registration() {}

  public Registration(
      Organization organization,
      PlatformEndpoints platform,
      RegistrationStatus status,
      RegistrationSource source,
      String platformName,
      LocalDateTime now) {
    this.organization = organization;
    this.issuer = platform.issuer();
    this.clientId = platform.clientId();
    this.authLoginUrl = platform.authLoginUrl();
    this.tokenUrl = platform.tokenUrl();
    this.tokenAudience = platform.tokenAudience();
    this.jwksUrl = platform.jwksUrl();
    this.status = status;
    this.source = source;
    this.platformName = platformName;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Replaces the platform's endpoints (issuer and client id stay). */
  public void changeEndpoints(PlatformEndpoints platform, LocalDateTime now) {
    this.authLoginUrl = platform.authLoginUrl();
    this.tokenUrl = platform.tokenUrl();
    this.tokenAudience = platform.tokenAudience();
    this.jwksUrl = platform.jwksUrl();
    this.updatedAt = now;
  }

  /** Adds a deployment unless it is known; true if added. */
  public boolean deploy(String deploymentId, LocalDateTime now) {
    if (hasDeployment(deploymentId)) {
      return false;
    }
    deployments.add(new Deployment(this, deploymentId, now));
    this.updatedAt = now;
    return true;
  }

  public void undeploy(String deploymentId, LocalDateTime now) {
    deployments.removeIf(d -> d.deploymentId().equals(deploymentId));
    this.updatedAt = now;
  }

  public void changeStatus(RegistrationStatus status, LocalDateTime now) {
    this.status = status;
    this.updatedAt = now;
  }

  public boolean hasDeployment(String deploymentId) {
    return deployments.stream().anyMatch(d -> d.deploymentId().equals(deploymentId));
  }

  public Long id() {
    return id;
  }

  public Organization organization() {
    return organization;
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public PlatformEndpoints endpoints() {
    return new PlatformEndpoints(issuer, clientId, authLoginUrl, tokenUrl, tokenAudience, jwksUrl);
  }

  public RegistrationStatus status() {
    return status;
  }

  public RegistrationSource source() {
    return source;
  }

  public Optional<String> platformName() {
    return Optional.ofNullable(platformName);
  }

  public List<String> deploymentIds() {
    return deployments.stream().map(Deployment::deploymentId).toList();
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
