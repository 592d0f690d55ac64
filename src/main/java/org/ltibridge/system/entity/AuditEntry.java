package org.ltibridge.system.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One administrative change: who did what to what, and when. Written in the change's transaction.
 */
@Entity
@Table(name = "admin_audit")
@NamedQuery(
    name = AuditEntry.OF_ORGANIZATION,
    query =
        "SELECT e FROM AuditEntry e WHERE e.organizationId = :org ORDER BY e.at DESC, e.id DESC")
@NamedQuery(
    name = AuditEntry.ALL,
    query = "SELECT e FROM AuditEntry e ORDER BY e.at DESC, e.id DESC")
public class AuditEntry {

  public static final String OF_ORGANIZATION = "AuditEntry.ofOrganization";
  public static final String ALL = "AuditEntry.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private LocalDateTime at;

  @Column(nullable = false)
  private String actor;

  @Column(name = "organization_id")
  private Long organizationId;

  @Column(nullable = false)
  private String action;

  private String target;

  private String detail;

  protected AuditEntry() {}

  public AuditEntry(
      LocalDateTime at,
      String actor,
      Long organizationId,
      String action,
      String target,
      String detail) {
    this.at = at;
    this.actor = actor;
    this.organizationId = organizationId;
    this.action = action;
    this.target = target;
    this.detail = detail;
  }

  public Long id() {
    return id;
  }

  public LocalDateTime at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public Long organizationId() {
    return organizationId;
  }

  public String action() {
    return action;
  }

  public String target() {
    return target;
  }

  public String detail() {
    return detail;
  }
}
