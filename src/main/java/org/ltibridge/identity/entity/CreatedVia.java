package org.ltibridge.identity.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** How a creator account came to be, as an org admin's list shows it. */
public enum CreatedVia {
  /** By an admin, in the console or through the admin API. */
  CONSOLE("console"),
  /** At a Creator LTI launch (LAMB lti_landscape.md §13.8). */
  CREATOR_LTI("creator_lti"),
  /** At an instructor's launch, from an email domain the organisation lists. */
  SELF_SERVICE("self_service");

  private final String column;

  CreatedVia(String column) {
    this.column = column;
  }

  /** The value stored and answered by the admin API. */
  public String value() {
    return column;
  }

  /** Stored as its lower-case name, which the admin API also uses. */
  @Converter
  public static class Column implements AttributeConverter<CreatedVia, String> {
    @Override
    public String convertToDatabaseColumn(CreatedVia via) {
      return via == null ? null : via.column;
    }

    @Override
    public CreatedVia convertToEntityAttribute(String column) {
      return Arrays.stream(values())
          .filter(v -> v.column.equals(column))
          .findFirst()
          .orElse(CONSOLE);
    }
  }
}
