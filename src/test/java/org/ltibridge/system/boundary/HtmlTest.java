package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesWhatCouldEndATextOrAnAttribute() {
    assertEquals("a&amp;b&quot;&lt;&gt;&#39;c", Html.escape("a&b\"<>'c"));
    assertEquals("&lt;script&gt;x", Html.escape("<script>x"));
    assertEquals("", Html.escape(null));
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "Introduction to Statistics — Übung 3";
    assertSame(plain, Html.escape(plain));
  }
}
