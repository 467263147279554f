/*
 * EpubcheckMany.java - run Debian's epubcheck over several books in one
 * Java virtual machine (tests/epub.sh).  Starting epubcheck costs about
 * five seconds, most of it loading its schemas; a second book in the same
 * process costs a fraction of that, and make check checks dozens.
 *
 * java -cp /usr/share/java/epubcheck.jar tests/EpubcheckMany.java BOOK...
 *
 * A BOOK that is a directory is checked as an unzipped EPUB (--mode exp),
 * anything else as an .epub file; warnings fail like errors.  Prints
 * "== BOOK: STATUS" after each, exits 1 when any failed.
 */
public class EpubcheckMany {
	public static void main(String[] args) {
		int bad = 0;

		for (String book : args) {
			String[] a = new java.io.File(book).isDirectory()
				? new String[] { "--mode", "exp", "--failonwarnings", book }
				: new String[] { "--failonwarnings", book };
			int r = new com.adobe.epubcheck.tool.EpubChecker().run(a);

			System.out.println("== " + book + ": " + r);
			if (r != 0)
				bad++;
		}
		System.exit(bad == 0 ? 0 : 1);
	}
}
