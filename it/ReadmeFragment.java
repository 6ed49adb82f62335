import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that the pom.xml fragment in the README's "Use jasyncio in your project" section is
 * word for word part of it/consumer/pom.xml, the project it/run builds: so the fragment users copy
 * is the one that is tested. Usage: java ReadmeFragment.java README.md consumer/pom.xml
 */
public class ReadmeFragment {
    static final String SECTION = "## Use jasyncio in your project";

    public static void main(String[] args) throws Exception {
        String readme = Files.readString(Path.of(args[0]));
        String pom = Files.readString(Path.of(args[1]));
        int section = readme.indexOf(SECTION);
        if (section < 0) {
            fail("the README has no section \"" + SECTION + "\"");
        }
        int open = readme.indexOf("```xml\n", section);
        int close = open < 0 ? -1 : readme.indexOf("```", open + 7);
        if (open < 0 || close < 0) {
            fail("the README's section \"" + SECTION + "\" has no ```xml block");
        }
        String fragment = readme.substring(open + 7, close);
        if (!pom.contains(fragment)) {
            for (String line : fragment.split("\n")) {
                if (!pom.contains(line)) {
                    fail("this line of the README's fragment is not in " + args[1] + ":\n" + line);
                }
            }
            fail("the README's fragment is not one contiguous part of " + args[1] + " (same lines, other order or indentation)");
        }
    }

    private static void fail(String message) {
        System.err.println("ReadmeFragment: " + message);
        System.exit(1);
    }
}
