package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders a Facelets view (under {@code /ui/lti/}) as the entity of a JAX-RS response.
 *
 * <p>Why: the LTI paths of LAMB lti_landscape.md are JAX-RS resources (they validate, delegate and
 * decide the outcome), while their pages are JSF views. The resource forwards to the view with a
 * response wrapper that captures the markup, so JAX-RS keeps control of status and headers and the
 * view is never reachable without its resource (see {@link PageDispatchFilter}). The view reads its
 * data from the request attribute {@value #MODEL}.
 */
@ApplicationScoped
public class PageRenderer {

  /** Name of the request attribute holding the page's model. */
  public static final String MODEL = "model";

  public Response render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String view,
      Object model) {
    request.setAttribute(MODEL, model);
    return renderView(request, response, status, "/ui/lti/" + view + ".xhtml");
  }

  /**
   * Renders any view of the application (its path, e.g. {@code /ui/lti-creator/index.xhtml}) with
   * the request attributes the caller set.
   */
  public Response renderView(
      HttpServletRequest request, HttpServletResponse response, int status, String viewPath) {
    Capture capture = new Capture(response);
    try {
      request.getRequestDispatcher(viewPath).forward(request, capture);
    } catch (ServletException e) {
      throw new IllegalStateException("Rendering " + viewPath + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .entity(capture.bytes())
        .build();
  }

  /** Collects what the view writes; headers the view sets are dropped on purpose. */
  private static final class Capture extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private PrintWriter writer;
    private ServletOutputStream stream;

    Capture(HttpServletResponse response) {
      super(response);
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), false);
      }
      return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() {
      if (stream == null) {
        stream =
            new ServletOutputStream() {
              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(WriteListener listener) {}

              @Override
              public void write(int b) {
                buffer.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
              }
            };
      }
      return stream;
    }

    @Override
    public void setStatus(int sc) {}

    @Override
    public void setHeader(String name, String value) {}

    @Override
    public void addHeader(String name, String value) {}

    @Override
    public void setContentType(String type) {}

    @Override
    public void setCharacterEncoding(String charset) {}

    @Override
    public void setContentLength(int len) {}

    @Override
    public void setContentLengthLong(long len) {}

    @Override
    public void setBufferSize(int size) {}

    @Override
    public void flushBuffer() {
      if (writer != null) {
        writer.flush();
      }
    }

    @Override
    public void resetBuffer() {
      buffer.reset();
    }

    @Override
    public void reset() {
      buffer.reset();
    }

    @Override
    public boolean isCommitted() {
      return false;
    }

    byte[] bytes() {
      if (writer != null) {
        writer.flush();
      }
      return buffer.toByteArray();
    }
  }
}
