// SPDX-License-Identifier: GPL-2.0
/* compile_commands.json: what samples/Makefile and kbuild write, and bad bytes. */
#include <stdlib.h>

#include "compile_db.h"
#include "unit.h"
#include "util.h"

static int parse(struct compile_db *db, const char *text)
{
	/* an exact-size copy: a read past the end is an ASan error */
	size_t len = strlen(text);
	char *exact = xmalloc(len);
	int ret;

	memcpy(exact, text, len);
	ret = compile_db_parse(db, exact, len, "db.json");
	free(exact);
	return ret;
}

int main(void)
{
	static const char *const bad[] = {
		"[{\"directory\": \"d\", \"file\": \"a.c\\",	/* a backslash at the end */
		"[{\"file\": \"\\u00",				/* a short \u escape */
		"[{\"file\": \"\\u0000\"}]",			/* a NUL by escape */
		"[{\"file\": \"a.c\"}]",			/* no directory, no command */
	};
	struct compile_db db = { 0 };

	CHECK_INT(parse(&db, "[{\"directory\": \"/s\", \"file\": \"a.c\",\n"
		  " \"arguments\": [\"cc\", \"-DX=\\\"a\\tb\\\"\", \"-c\", \"a.c\"]},\n"
		  " {\"directory\": \"/s\", \"file\": \"b.c\", \"command\": \"cc 'x y' -c b.c; objtool\"}]"),
		  0, "arguments and command");
	CHECK_INT(db.nr, 2, "two entries");
	CHECK(db.nr == 2 && db.v[0].argv.nr == 4 && !strcmp(db.v[0].argv.v[1], "-DX=\"a\tb\""),
	      "arguments unescaped");
	CHECK(db.nr == 2 && db.v[1].argv.nr == 4 && !strcmp(db.v[1].argv.v[1], "x y"),
	      "command split as sh would, up to ';'");
	compile_db_release(&db);

	CHECK_INT(parse(&db, "[{\"directory\": \"/a\", \"directory\": \"/b\", \"file\": \"a.c\","
		  " \"file\": \"b.c\", \"command\": \"cc\"}]"), 0, "a key given twice");
	CHECK(db.nr == 1 && !strcmp(db.v[0].directory, "/b") && !strcmp(db.v[0].file, "b.c"),
	      "the last one counts, the first is freed (no leak)");
	compile_db_release(&db);

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char desc[48];

		snprintf(desc, sizeof(desc), "bad database %zu is an error", i);
		CHECK_INT(parse(&db, bad[i]), -1, desc);
		compile_db_release(&db);
	}
	CHECK_INT(compile_db_parse(&db, "[]\0", 3, "nul.json"), -1, "a NUL byte is an error");
	compile_db_release(&db);
	return unit_done();
}
