package org.ltibridge.system.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ltibridge.system.control.Languages;
import org.ltibridge.system.control.Problem;

/**
 * Anything we did not foresee: logged with a reference, answered with the reference only (stack
 * traces and messages may carry data that must not reach the client).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<RuntimeException> {

  public static final String TITLE = "Something went wrong";

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(RuntimeException failure) {
    String language = request == null ? Languages.DEFAULT : RequestLanguage.of(request);
    if (failure instanceof WebApplicationException web) {
      Response r = web.getResponse();
      return ProblemMapper.json(
          r.getStatus(),
          r.getStatusInfo().getReasonPhrase(),
          Problem.text("system.notUnderstood").in(language));
    }
    return ProblemMapper.json(
        500,
        Problem.text("title.unexpected").in(language),
        Problem.text("system.unexpected", logReference(failure)).in(language));
  }

  /**
   * Logs the failure under a new reference; returns the message for the person who met it, in
   * English (for the filters that answer hot paths before JAX-RS).
   */
  public static String logged(Throwable failure) {
    return Problem.text("system.unexpected", logReference(failure)).english();
  }

  private static String logReference(Throwable failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
    return reference;
  }
}
