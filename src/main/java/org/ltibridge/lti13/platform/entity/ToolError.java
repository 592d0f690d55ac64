package org.ltibridge.lti13.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An error answered to a known tool by the token endpoint, AGS or NRPS: when, where, the HTTP
 * status, the error code and its description (RFC 6749 §5.2, RFC 6750 §3.1) as the tool received
 * them. Never a token or an assertion. Only the newest few per tool are kept.
 */
@Entity
@Table(name = "lti_tool_errors")
@NamedQuery(
    name = ToolError.OF_TOOL,
    query = "SELECT e FROM ToolError e WHERE e.toolId = :tool ORDER BY e.id DESC")
public class ToolError {

  public static final String OF_TOOL = "ToolError.ofTool";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tool_id", nullable = false)
  private long toolId;

  @Column(nullable = false)
  private LocalDateTime at;

  @Column(nullable = false)
  private String endpoint;

  @Column(nullable = false)
  private int status;

  private String error;

  private String message;

  protected ToolError() {}

  public ToolError(
      long toolId, LocalDateTime at, String endpoint, int status, String error, String message) {
    this.toolId = toolId;
    this.at = at;
    this.endpoint = clip(endpoint, 300);
    this.status = status;
    this.error = clip(error, 100);
    this.message = clip(message, 1000);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public Long id() {
    return id;
  }

  public long toolId() {
    return toolId;
  }

  public LocalDateTime at() {
    return at;
  }

  public String endpoint() {
    return endpoint;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String message() {
    return message;
  }
}
