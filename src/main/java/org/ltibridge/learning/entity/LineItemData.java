package org.ltibridge.learning.entity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** What a tool declares about a line item (AGS 2.0 §3.2); times in UTC. */
public record LineItemData(
    String label,
    BigDecimal scoreMaximum,
    String resourceLinkId,
    String resourceId,
    String tag,
    LocalDateTime startAt,
    LocalDateTime endAt) {}
