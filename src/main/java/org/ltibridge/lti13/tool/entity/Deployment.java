package org.ltibridge.lti13.tool.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One deployment of LTI Bridge inside a registered platform (LTI 1.3 Core §3.1.3): a platform may
 * deploy one registration several times (per account, per course); launches name it in the {@code
 * deployment_id} claim.
 */
@Entity
@Table(name = "lti13_deployments")
public class Deployment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "registration_id")
  private Registration registration;

  @Column(name = "deployment_id", nullable = false)
  private String deploymentId;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Deployment() {}

  Deployment(Registration registration, String deploymentId, LocalDateTime now) {
    this.registration = registration;
    this.deploymentId = deploymentId;
    this.createdAt = now;
  }

  public String deploymentId() {
    return deploymentId;
  }
}
