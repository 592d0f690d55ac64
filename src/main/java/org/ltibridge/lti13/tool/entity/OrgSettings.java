package org.ltibridge.lti13.tool.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An organisation's LTI 1.3 Dynamic Registration settings: the random reference its registration
 * URL carries (no secret: whoever holds the URL can only register a platform, which lands here and
 * is visible to the org admin) and whether new registrations wait for approval.
 */
@Entity
@Table(name = "lti13_org_settings")
@NamedQuery(
    name = OrgSettings.BY_REF,
    query = "SELECT s FROM OrgSettings s WHERE s.registrationRef = :ref")
public class OrgSettings {

  public static final String BY_REF = "OrgSettings.byRef";

  @Id
  @Column(name = "organization_id")
  private Long organizationId;

  @Column(name = "registration_ref", nullable = false, unique = true)
  private String registrationRef;

  @Column(name = "approval_required", nullable = false)
  private boolean approvalRequired;

  protected OrgSettings() {}

  public OrgSettings(Long organizationId, String registrationRef) {
    this.organizationId = organizationId;
    this.registrationRef = registrationRef;
  }

  public Long organizationId() {
    return organizationId;
  }

  public String registrationRef() {
    return registrationRef;
  }

  public boolean approvalRequired() {
    return approvalRequired;
  }

  public void requireApproval(boolean required) {
    this.approvalRequired = required;
  }
}
