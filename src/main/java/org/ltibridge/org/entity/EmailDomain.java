package org.ltibridge.org.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An email domain whose instructors may get a creator account of its organisation at their first
 * launch (instructor self-service; LAMB issue #467). A domain belongs to at most one organisation.
 */
@Entity
@Table(name = "org_email_domains")
@NamedQuery(
    name = EmailDomain.OF_ORGANIZATION,
    query = "SELECT d FROM EmailDomain d WHERE d.organization.id = :org ORDER BY d.domain")
public class EmailDomain {

  public static final String OF_ORGANIZATION = "EmailDomain.ofOrganization";

  @Id private String domain;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected EmailDomain() {}

  public EmailDomain(String domain, Organization organization, LocalDateTime now) {
    this.domain = domain;
    this.organization = organization;
    this.createdAt = now;
  }

  public String domain() {
    return domain;
  }

  public Organization organization() {
    return organization;
  }
}
