// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <sys/stat.h>

#include "facts_batches.h"
#include "parse_options.h"
#include "unit.h"
#include "util.h"

/*
 * Which headers each file is given: the header itself, what it reaches by
 * #include, a header whose struct it names (a word, not a part of one),
 * and what that header includes in turn; the files that need the same
 * headers share a batch.
 */
static const struct { const char *path, *text; } tree[] = {
	{ "inc/foo.h", "struct foo { unsigned a:1, b:1; };\n" },
	{ "inc/bar.h", "#include \"foo.h\"\nstruct bar { struct foo f; unsigned c:1, d:1; };\n" },
	{ "d/names_foo.c", "void f(struct foo *p)\n{\n\tp->a = 1;\n}\n" },
	{ "d/includes_bar.c", "#include <inc/bar.h>\nvoid g(void *p)\n{\n\tto_bar(p)->c = 1;\n}\n" },
	{ "d/names_bar.c", "void h(struct bar *p)\n{\n\tp->d = 1;\n\tp->d = 0;\n}\n" },
	{ "d/neither.c", "struct foobar;\nint foo_x;\nvoid k(void)\n{\n}\n" },
};

/* The batch holding scanned file i, or -1 */
static int batch_of(const struct facts_batch *b, int nb, int i)
{
	for (int k = 0; k < nb; k++)
		for (int j = 0; j < b[k].nr_files; j++)
			if (b[k].files[j] == i)
				return k;
	return -1;
}

/* The headers of a batch as "0" (foo.h) and "1" (bar.h) in order, "" for none */
static char *headers_of(const struct facts_batch *b)
{
	struct strbuf sb = STRBUF_INIT;

	for (int k = 0; k < b->nr_headers; k++)
		strbuf_addf(&sb, "%d", b->headers[k]);
	return strbuf_detach(&sb);
}

int main(void)
{
	char dir[] = "/tmp/bitsplit-batches.XXXXXX";
	struct opt_list scanned = { 0 }, headers = { 0 }, structs[2] = { { 0 }, { 0 } };
	struct facts_batch *b = NULL;
	int nb, x, y;
	char *h;

	CHECK(mkdtemp(dir) != NULL, "a scratch tree");
	for (size_t i = 0; i < ARRAY_SIZE(tree); i++) {
		char *path = xstrfmt("%s/%s", dir, tree[i].path), *slash = strrchr(path, '/');

		*slash = 0;
		mkdir(path, 0700);
		*slash = '/';
		CHECK_INT(write_file_atomic(path, tree[i].text, strlen(tree[i].text)), 0, tree[i].path);
		opt_list_append(&scanned, tree[i].path);
		free(path);
	}
	opt_list_append(&headers, "inc/foo.h");
	opt_list_append(&headers, "inc/bar.h");
	opt_list_append(&structs[0], "foo");
	opt_list_append(&structs[1], "bar");
	nb = facts_batches(dir, &scanned, &headers, structs, &b);
	CHECK_INT(nb, 3, "three sets of headers: none, foo.h, both");

	x = batch_of(b, nb, 0);
	CHECK(x >= 0 && (h = headers_of(&b[x])) && !strcmp(h, "0"), "foo.h alone for foo.h");
	free(x >= 0 ? h : NULL);
	CHECK_INT(batch_of(b, nb, 2), x, "a file naming struct foo shares foo.h's batch");
	y = batch_of(b, nb, 1);
	CHECK(y >= 0 && (h = headers_of(&b[y])) && !strcmp(h, "01"),
	      "bar.h and the foo.h it includes for bar.h");
	free(y >= 0 ? h : NULL);
	CHECK_INT(batch_of(b, nb, 3), y, "a file including bar.h gets both");
	CHECK_INT(batch_of(b, nb, 4), y, "a file naming struct bar gets both");
	x = batch_of(b, nb, 5);
	CHECK(x >= 0 && b[x].nr_headers == 0, "foobar and foo_x are not foo: no header");
	/* bar.h 66 bytes, includes_bar.c 60, names_bar.c 48: 174 of the 279 */
	CHECK_INT(y, 0, "the largest batch first");
	CHECK(b[y].nr_files == 3 && b[y].files[0] == 1 && b[y].files[2] == 4,
	      "in a batch, the largest file first");

	facts_batches_release(b, nb);
	remove_tree(dir);
	free(scanned.v);
	free(headers.v);
	free(structs[0].v);
	free(structs[1].v);
	return unit_done();
}
