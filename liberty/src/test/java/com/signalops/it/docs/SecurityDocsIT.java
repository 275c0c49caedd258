package com.signalops.it.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/security.md states what server.xml does: every response header it sets, with its value. */
class SecurityDocsIT {

    private static final Path LIBERTY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void everyHeaderTheServerSetsIsDocumentedWithItsValue() throws IOException {
        String serverXml = Files.readString(LIBERTY.resolve("src/main/liberty/config/server.xml"));
        String securityDoc = Files.readString(LIBERTY.resolveSibling("docs").resolve("security.md"));
        List<String[]> headers = new ArrayList<>();
        Matcher set = Pattern.compile("<(set|setIfMissing)>([^:<]+):\\s*([^<]+)</\\1>").matcher(serverXml);
        while (set.find()) {
            headers.add(new String[] {set.group(2).trim(), set.group(3).trim()});
        }
        assertFalse(headers.isEmpty(), "server.xml sets headers");
        for (String[] header : headers) {
            String row = "| `" + header[0] + "` | `" + header[1] + "`";
            assertTrue(securityDoc.contains(row), "docs/security.md lacks the row " + row);
        }
    }

    @Test
    void theDocumentedSessionCookieIsTheOneWebXmlConfigures() throws IOException {
        String webXml = Files.readString(LIBERTY.resolveSibling("web-module").resolve("src/main/webapp/WEB-INF/web.xml"));
        String securityDoc = Files.readString(LIBERTY.resolveSibling("docs").resolve("security.md"));
        Matcher name = Pattern.compile("<cookie-config>\\s*<name>([^<]+)</name>").matcher(webXml);
        assertTrue(name.find());
        assertTrue(securityDoc.contains("`" + name.group(1) + "`"), "docs/security.md names the session cookie " + name.group(1));
    }

    @Test
    void everyConsolePageIsInTheAccessTableWithThePermissionTheFilterRequires() throws IOException {
        Path webapp = LIBERTY.resolveSibling("web-module").resolve("src/main/webapp");
        String securityDoc = Files.readString(LIBERTY.resolveSibling("docs").resolve("security.md"));
        String filter = Files.readString(LIBERTY.resolveSibling("web-module")
                .resolve("src/main/java/com/signalops/identity/web/ConsoleAccessFilter.java"));
        List<String> pages;
        try (java.util.stream.Stream<Path> files = Files.walk(webapp)) {
            pages = files.map(f -> "/" + webapp.relativize(f).toString().replace('\\', '/')).filter(f -> f.endsWith(".xhtml"))
                    .filter(f -> !f.startsWith("/WEB-INF/") && !f.startsWith("/resources/")).toList();
        }
        assertFalse(pages.isEmpty());
        for (String page : pages) {
            assertTrue(securityDoc.contains("`" + page + "`"), "docs/security.md does not name the page " + page);
        }
        Matcher entry = Pattern.compile("Map\\.entry\\(\"([^\"]+)\", Permission\\.([A-Z_]+)\\)").matcher(filter);
        int checked = 0;
        while (entry.find()) {
            String constant = entry.group(2).toLowerCase(java.util.Locale.ROOT);
            int last = constant.lastIndexOf('_');
            String permission = constant.substring(0, last).replace('_', '-') + "." + constant.substring(last + 1);
            Matcher row = Pattern.compile("\\|[^\n]*`" + Pattern.quote(entry.group(1)) + "`[^\n]*\\| `" + Pattern.quote(permission) + "`")
                    .matcher(securityDoc);
            assertTrue(row.find(), "docs/security.md's access table gives " + entry.group(1) + " the permission " + permission);
            checked++;
        }
        assertTrue(checked >= 10, "the filter's pages were read: " + checked);
    }
}
