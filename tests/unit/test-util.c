// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util.h"

int main(void)
{
	char templ[] = "/tmp/bitsplit-test-util.XXXXXX";
	char *root = mkdtemp(templ), *deep, *file, *file_empty;
	const char *names[] = { "b", "a", "c" };
	struct strbuf sb = STRBUF_INIT;

	CHECK(root != NULL, "a scratch directory");
	deep = xstrfmt("%s/x/y/z", root);
	file = xstrfmt("%s/x/y/f", root);
	CHECK_INT(mkdir_p(deep), 0, "mkdir_p makes every missing parent");
	CHECK(is_dir(deep), "the deepest directory exists");
	CHECK_INT(mkdir_p(deep), 0, "mkdir_p on an existing directory succeeds");
	CHECK_INT(write_file_atomic(file, "hi\n", 3), 0, "a file inside");
	CHECK(!is_dir(file), "a file is not a directory");
	CHECK_INT(strbuf_read_file(&sb, file), 0, "the file reads back");
	CHECK_STR(sb.buf, "hi\n", "with its contents");
	CHECK_INT(write_file_atomic(file, "", 0), 0, "an empty file");
	strbuf_release(&sb);
	CHECK_INT(strbuf_read_file(&sb, file), 0, "the empty file reads");
	CHECK(sb.buf && sb.len == 0 && sb.buf[0] == '\0', "as an empty string");
	strbuf_release(&sb);
	strbuf_grow(&sb, 10);
	CHECK(sb.buf[0] == '\0', "a fresh strbuf_grow() leaves a string");
	strbuf_release(&sb);
	CHECK_INT(check_text("a\nb\n", 4, "t"), 0, "text without NUL is text");
	CHECK_INT(check_text("a\nb\0c", 5, "t"), -1, "a NUL is not text");
	CHECK_INT(check_text(NULL, 0, "t"), 0, "nothing is text");
	file_empty = xstrndup(sb.buf, sb.len);
	CHECK_STR(file_empty, "", "xstrndup of an empty strbuf");
	free(file_empty);
	CHECK_INT(remove_tree(root), 0, "remove_tree removes a populated tree");
	CHECK(access(root, F_OK) != 0, "nothing is left");
	CHECK_INT(remove_tree(root), 0, "removing a missing tree is not an error");

	qsort(names, 3, sizeof(*names), cmp_strp);
	CHECK(!strcmp(names[0], "a") && !strcmp(names[2], "c"), "cmp_strp sorts strings");
	CHECK(is_ident_char('_') && is_ident_char('z') && is_ident_char('9'),
	      "identifier characters");
	CHECK(!is_ident_char('-') && !is_ident_char((char)0xe9), "others, a negative char too");

	strbuf_release(&sb);
	free(deep);
	free(file);
	return unit_done();
}
