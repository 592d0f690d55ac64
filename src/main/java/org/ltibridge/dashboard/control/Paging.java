package org.ltibridge.dashboard.control;

import org.ltibridge.system.control.Problem;

/**
 * Which page of a dashboard list to show: the one rule for the page and the JSON API. A page number
 * is a whole number from 1 (a page after the last is empty, with the totals); a page size from 1 to
 * {@value #MAX_PER_PAGE}. Anything else is refused with 400 rather than quietly changed, so that a
 * client's mistake shows.
 */
public record Paging(int page, int perPage) {

  public static final int DEFAULT_PER_PAGE = 20;
  public static final int MAX_PER_PAGE = 100;

  static final Problem.Text ERROR_PAGE = Problem.text("dashboard.Paging.page");
  static final Problem.Text ERROR_PER_PAGE = Problem.text("dashboard.Paging.perPage", MAX_PER_PAGE);

  /** The first page of the default size. */
  public static final Paging FIRST = new Paging(1, DEFAULT_PER_PAGE);

  public Paging {
    if (page < 1) {
      throw Problem.badRequest(ERROR_PAGE);
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw Problem.badRequest(ERROR_PER_PAGE);
    }
  }

  /** From query parameters: absent means page 1 and the default size. */
  public static Paging of(String page, String perPage) {
    return new Paging(
        number(page, 1, ERROR_PAGE), number(perPage, DEFAULT_PER_PAGE, ERROR_PER_PAGE));
  }

  /** How many items come before this page. */
  public int offset() {
    return (page - 1) * perPage;
  }

  private static int number(String value, int otherwise, Problem.Text error) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest(error);
    }
  }
}
