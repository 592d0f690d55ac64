package org.ltibridge.lti13.platform.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.ltibridge.learning.entity.LineItem;
import org.ltibridge.learning.entity.LineItemData;

/**
 * A line item (1EdTech AGS 2.0 §3.2, media type {@code application/vnd.ims.lis.v2.lineitem+json}):
 * as a tool sends it (its {@code id} then ignored) and as we answer it. Times are ISO 8601 with an
 * offset.
 */
@JsonbPropertyOrder({
  "id",
  "label",
  "scoreMaximum",
  "resourceLinkId",
  "resourceId",
  "tag",
  "startDateTime",
  "endDateTime"
})
public record AgsLineItem(
    String id,
    @NotBlank(message = "AGS §3.2.4: label is required.")
        @Size(max = 500, message = "label is longer than 500 characters.")
        String label,
    @NotNull(message = AgsLineItem.MAXIMUM)
        @Positive(message = AgsLineItem.MAXIMUM)
        @Digits(integer = 8, fraction = 4, message = "scoreMaximum " + AgsScore.SENSIBLE)
        BigDecimal scoreMaximum,
    @Size(max = 255, message = "resourceLinkId is longer than 255 characters.")
        String resourceLinkId,
    @Size(max = 255, message = "resourceId is longer than 255 characters.") String resourceId,
    @Size(max = 255, message = "tag is longer than 255 characters.") String tag,
    @Size(max = 64, message = "startDateTime is longer than 64 characters.") String startDateTime,
    @Size(max = 64, message = "endDateTime is longer than 64 characters.") String endDateTime) {

  static final String MAXIMUM = "AGS §3.2.3: scoreMaximum must be a number greater than 0.";

  @JsonbTransient
  @AssertTrue(message = "startDateTime " + AgsJson.NOT_A_TIME)
  public boolean isStartReadable() {
    return startDateTime == null || AgsJson.utc(startDateTime) != null;
  }

  @JsonbTransient
  @AssertTrue(message = "endDateTime " + AgsJson.NOT_A_TIME)
  public boolean isEndReadable() {
    return endDateTime == null || AgsJson.utc(endDateTime) != null;
  }

  /** What the gradebook stores; call it on a valid line item only. */
  public LineItemData toData() {
    return new LineItemData(
        label.strip(),
        scoreMaximum,
        resourceLinkId,
        resourceId,
        tag,
        startDateTime == null ? null : AgsJson.utc(startDateTime),
        endDateTime == null ? null : AgsJson.utc(endDateTime));
  }

  /** A stored line item as AGS shows it, {@code id} its URL. */
  static AgsLineItem of(LineItem item, String url) {
    LineItemData d = item.data();
    return new AgsLineItem(
        url,
        d.label(),
        d.scoreMaximum(),
        d.resourceLinkId(),
        d.resourceId(),
        d.tag(),
        d.startAt() == null ? null : d.startAt().atOffset(ZoneOffset.UTC).toString(),
        d.endAt() == null ? null : d.endAt().atOffset(ZoneOffset.UTC).toString());
  }
}
