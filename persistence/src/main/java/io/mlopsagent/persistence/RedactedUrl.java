package io.mlopsagent.persistence;

import java.util.regex.Pattern;

/** A JDBC URL fit for logs and error messages: credentials in it are masked. */
final class RedactedUrl {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password|pwd)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  private RedactedUrl() {}

  static String of(String url) {
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1=***");
    return USER_INFO.matcher(masked).replaceAll("//***@");
  }
}
