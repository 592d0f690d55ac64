package org.ltibridge.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and the formula guard of the dashboard's CSV downloads. */
class CsvTest {

  @Test
  void quotesWhatRfc4180SaysAndGuardsFormulas() throws IOException {
    StringWriter out = new StringWriter();
    Csv csv = new Csv(out);
    csv.text("plain").text("a,b").text("say \"hi\"").text("two\nlines").text(null).number(-3).end();
    csv.record("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", "'quoted");
    assertEquals(
        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,-3\r\n"
            + "'=1+1,'+1,'-1,'@SUM(A1),'\tx,\"'\rx\",a=b,'quoted\r\n",
        out.toString());
  }
}
