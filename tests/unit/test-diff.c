// SPDX-License-Identifier: GPL-2.0
#include "diff.h"
#include "unit.h"

int main(void)
{
	struct strbuf out = STRBUF_INIT;

	diff_unified(&out, "a.h", "1\n2\n3\n", "1\n2\n3\n");
	CHECK_INT(out.len, 0, "equal texts give no diff");

	diff_unified(&out, "inc/a.h",
		     "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
		     "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n");
	CHECK_STR(out.buf,
		  "diff --git a/inc/a.h b/inc/a.h\n"
		  "--- a/inc/a.h\n"
		  "+++ b/inc/a.h\n"
		  "@@ -2,7 +2,7 @@\n"
		  " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
		  "@@ -14,3 +14,4 @@\n"
		  " 14\n 15\n 16\n+17\n",
		  "two hunks, three lines of context each");
	strbuf_reset(&out);

	diff_unified(&out, "s.h", "int x;\nstruct s {\n\tint a;\n\tint b;\n\tint c;\n\tint d;\n\tint e;\n};\n",
		     "int x;\nstruct s {\n\tint a;\n\tint b;\n\tint c;\n\tlong d;\n\tint e;\n};\n");
	CHECK_STR(out.buf,
		  "diff --git a/s.h b/s.h\n--- a/s.h\n+++ b/s.h\n"
		  "@@ -3,6 +3,6 @@ struct s {\n"
		  " \tint a;\n \tint b;\n \tint c;\n-\tint d;\n+\tlong d;\n \tint e;\n };\n",
		  "the hunk names the struct it is in, as git does");
	strbuf_reset(&out);

	diff_unified(&out, "b", "x\ny", "x\nz\n");
	CHECK_STR(out.buf,
		  "diff --git a/b b/b\n--- a/b\n+++ b/b\n"
		  "@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n",
		  "a missing newline at the end is marked");
	strbuf_release(&out);
	return unit_done();
}
