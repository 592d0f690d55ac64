package org.ltibridge.system.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything we did not foresee: logged with a reference, answered with the reference only (stack
 * traces and messages may carry data that must not reach the client).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<RuntimeException> {

  public static final String TITLE = "Something went wrong";

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(RuntimeException failure) {
    if (failure instanceof WebApplicationException web) {
      Response r = web.getResponse();
      return ProblemMapper.json(
          r.getStatus(), r.getStatusInfo().getReasonPhrase(), "The request was not understood.");
    }
    return ProblemMapper.json(500, TITLE, logged(failure));
  }

  /**
   * Logs the failure under a new reference; returns the message for the person who met it (also for
   * the filters that answer hot paths before JAX-RS).
   */
  public static String logged(Throwable failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
    return "LTI Bridge could not complete this request (reference " + reference + ").";
  }
}
