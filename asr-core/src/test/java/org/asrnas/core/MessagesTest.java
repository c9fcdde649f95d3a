package org.asrnas.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void abbreviateKeepsShortTextAndMarksTheCutWithinTheLimit() {
    assertEquals("abcdef", Messages.abbreviate("abcdef", 6));
    assertEquals("abc...", Messages.abbreviate("abcdefg", 6));
    assertEquals(6, Messages.abbreviate("x".repeat(100), 6).length());
    assertThrows(IllegalArgumentException.class, () -> Messages.abbreviate("abc", 3));
  }

  @Test
  void reasonsAreOneLineOfAtMost200Characters() {
    assertEquals("a b c", Messages.reason(" a\n\tb\r\nc "));
    assertEquals("no message", Messages.reason(null));
    String r = Messages.reason("y".repeat(500));
    assertEquals(Messages.MAX_REASON_CHARS, r.length());
    assertEquals("...", r.substring(r.length() - 3));
  }
}
