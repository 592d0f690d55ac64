package org.ltibridge.lti13.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One installation of a tool in the platform (LTI 1.3 Core §3.1.3), named by its deployment id. */
@Entity(name = "ToolDeployment")
@Table(name = "lti_deployments")
public class Deployment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tool_id")
  private Tool tool;

  @Column(name = "deployment_id", nullable = false, unique = true)
  private String deploymentId;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Deployment() {}

  public Deployment(Tool tool, String deploymentId, String name, LocalDateTime now) {
    this.tool = tool;
    this.deploymentId = deploymentId;
    this.name = name;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public Tool tool() {
    return tool;
  }

  public String deploymentId() {
    return deploymentId;
  }

  public String name() {
    return name;
  }
}
