package org.ltibridge.lti13.platform.boundary;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.ltibridge.learning.entity.Score;

/**
 * A score as a tool posts it (1EdTech AGS 2.0 §3.4, media type {@code
 * application/vnd.ims.lis.v1.score+json}), with the rules it must meet. The AGS resource and the
 * score filter read it the same way ({@link AgsJson#read}) and so refuse the same scores.
 * Properties AGS defines that we do not keep (e.g. {@code submission}) are ignored.
 */
public record AgsScore(
    @NotBlank(message = "AGS §3.4.1: userId is required.")
        @Size(max = 255, message = "userId is longer than 255 characters.")
        String userId,
    @PositiveOrZero(message = "AGS §3.4.2: scoreGiven must be 0 or more.")
        @Digits(integer = 8, fraction = 4, message = "scoreGiven " + AgsScore.SENSIBLE)
        BigDecimal scoreGiven,
    @Positive(message = "AGS §3.4.3: scoreMaximum must be greater than 0.")
        @Digits(integer = 8, fraction = 4, message = "scoreMaximum " + AgsScore.SENSIBLE)
        BigDecimal scoreMaximum,
    @Size(max = 4000, message = "comment is longer than 4000 characters.") String comment,
    @NotNull(message = "AGS §3.4.5: timestamp is required.")
        @Size(max = 64, message = "timestamp is longer than 64 characters.")
        String timestamp,
    @NotNull(message = AgsScore.ACTIVITY)
        @Pattern(
            regexp = "Initialized|Started|InProgress|Submitted|Completed",
            message = AgsScore.ACTIVITY)
        String activityProgress,
    @NotNull(message = AgsScore.GRADING)
        @Pattern(
            regexp = "FullyGraded|Pending|PendingManual|Failed|NotReady",
            message = AgsScore.GRADING)
        String gradingProgress) {

  static final String SENSIBLE =
      "is not a sensible number (at most 8 digits before the point and 4 after it).";
  static final String ACTIVITY =
      "AGS §3.4.6: activityProgress must be one of Initialized, Started, InProgress, Submitted,"
          + " Completed.";
  static final String GRADING =
      "AGS §3.4.7: gradingProgress must be one of FullyGraded, Pending, PendingManual, Failed,"
          + " NotReady.";

  @JsonbTransient
  @AssertTrue(message = "AGS §3.4.3: scoreMaximum is required with scoreGiven.")
  public boolean isMaximumWithGiven() {
    return scoreGiven == null || scoreMaximum != null;
  }

  @JsonbTransient
  @AssertTrue(message = "timestamp " + AgsJson.NOT_A_TIME)
  public boolean isTimestampReadable() {
    return timestamp == null || AgsJson.utc(timestamp) != null;
  }

  /** What the gradebook stores; call it on a valid score only. */
  public Score toScore() {
    return new Score(
        userId,
        scoreGiven,
        scoreMaximum,
        activityProgress,
        gradingProgress,
        comment,
        AgsJson.utc(timestamp));
  }
}
