package org.ltibridge.lti13.platform.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * A learner's result on a line item (1EdTech AGS 2.0 §3.3, in a {@code
 * application/vnd.ims.lis.v2.resultcontainer+json} array).
 */
@JsonbPropertyOrder({"id", "scoreOf", "userId", "resultScore", "resultMaximum", "comment"})
public record AgsResult(
    String id,
    String scoreOf,
    String userId,
    BigDecimal resultScore,
    BigDecimal resultMaximum,
    String comment) {}
