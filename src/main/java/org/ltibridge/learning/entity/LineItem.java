package org.ltibridge.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A gradable item an external tool created in one of our courses (AGS 2.0 §3.2; table {@code
 * lti_line_items}). It belongs to the tool that created it ({@link #toolId()}) and to one course
 * placement ({@link #configId()}): no other tool's token may see or touch it.
 */
@Entity
@Table(name = "lti_line_items")
public class LineItem {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tool_id", nullable = false)
  private Long toolId;

  @Column(name = "course_config_id", nullable = false)
  private Long configId;

  @Column(nullable = false)
  private String label;

  @Column(name = "score_maximum", nullable = false)
  private BigDecimal scoreMaximum;

  @Column(name = "resource_link_id")
  private String resourceLinkId;

  @Column(name = "resource_id")
  private String resourceId;

  @Column private String tag;

  @Column(name = "start_at")
  private LocalDateTime startAt;

  @Column(name = "end_at")
  private LocalDateTime endAt;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected LineItem() {}

  public LineItem(long toolId, long configId, LineItemData data, LocalDateTime now) {
    this.toolId = toolId;
    this.configId = configId;
    this.createdAt = now;
    change(data, now);
  }

  /** AGS §3.2.7 (PUT): the tool replaces what it declared. */
  public void change(LineItemData data, LocalDateTime now) {
    this.label = data.label();
    this.scoreMaximum = data.scoreMaximum();
    this.resourceLinkId = data.resourceLinkId();
    this.resourceId = data.resourceId();
    this.tag = data.tag();
    this.startAt = data.startAt();
    this.endAt = data.endAt();
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public Long toolId() {
    return toolId;
  }

  public Long configId() {
    return configId;
  }

  public LineItemData data() {
    return new LineItemData(label, scoreMaximum, resourceLinkId, resourceId, tag, startAt, endAt);
  }
}
