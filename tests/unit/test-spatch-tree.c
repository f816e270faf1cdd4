// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spatch_tree.h"
#include "unit.h"
#include "util.h"

static void touch(const char *root, const char *rel)
{
	char *path = xstrfmt("%s/%s", root, rel);

	CHECK_INT(write_file_atomic(path, "x\n", 2), 0, rel);
	free(path);
}

/* name resolves in the mirror to the tree's rel */
static void same_file(const struct spatch_tree *t, const char *mirror, const char *tree,
		      const char *name, const char *rel)
{
	char *a = xstrfmt("%s/%s", mirror, name), *b = xstrfmt("%s/%s", tree, rel);
	struct stat sa, sb;

	CHECK(!stat(a, &sa) && !stat(b, &sb) && sa.st_ino == sb.st_ino &&
	      sa.st_dev == sb.st_dev, name);
	free(a);
	free(b);
}

int main(void)
{
	char templ[] = "/tmp/bitsplit-test-spatch-tree.XXXXXX";
	char *root = mkdtemp(templ), *tree, *sub, *odd, *mirror, *n, *r;
	struct spatch_tree *t;

	CHECK(root != NULL, "a scratch directory");
	tree = xstrfmt("%s/tree", root);
	sub = xstrfmt("%s/d", tree);
	odd = xstrfmt("%s/d/$(x) y", tree);
	CHECK_INT(mkdir_p(odd), 0, "a tree with an unsafe directory");
	touch(tree, "ok.c");
	touch(tree, "d/a;b.c");
	touch(tree, "d/bitsplit-1");	/* an alias must not take it */
	touch(tree, "d/x.h");
	touch(tree, "d/$(x) y/in.c");

	CHECK(shell_safe("drivers/vfio/pci/vfio_pci_core.c"), "a kernel path is safe");
	CHECK(!shell_safe("a b.c") && !shell_safe("$(x).c") && !shell_safe("a;b") &&
	      !shell_safe("-rf.c") && !shell_safe("c:d.c") && !shell_safe(""),
	      "space, $, ;, a leading -, : and nothing are not");

	t = spatch_tree_open(tree);
	mirror = xstrfmt("%s/../tree", spatch_tree_tmp(t));

	n = spatch_tree_name(t, "ok.c");
	CHECK_STR(n, "ok.c", "a safe path is its own name");
	same_file(t, mirror, tree, n, "ok.c");
	free(n);

	n = spatch_tree_name(t, "d/a;b.c");
	CHECK_STR(n, "d/bitsplit-3.c", "an unsafe name gets an alias, with its extension");
	same_file(t, mirror, tree, n, "d/a;b.c");
	same_file(t, mirror, tree, "d/x.h", "d/x.h");	/* its local includes */
	r = spatch_tree_real(t, n);
	CHECK_STR(r, "d/a;b.c", "and maps back");
	free(r);
	free(n);

	n = spatch_tree_name(t, "d/$(x) y/in.c");
	CHECK_STR(n, "d/bitsplit-2/in.c", "an unsafe directory is aliased, not as the taken name");
	same_file(t, mirror, tree, n, "d/$(x) y/in.c");
	r = spatch_tree_real(t, "d/bitsplit-2/../x.h");
	CHECK_STR(r, "d/x.h", "a path through it maps back normalized");
	free(r);
	free(n);

	r = spatch_tree_real(t, "d/bitsplit-1");
	CHECK_STR(r, "d/bitsplit-1", "a real file named like an alias is itself");
	free(r);

	CHECK(shell_safe(spatch_tree_tmp(t)), "the scratch directory is safe");
	spatch_tree_close(t);
	CHECK(!access(sub, F_OK) && !access(odd, F_OK), "closing never follows a link");
	CHECK_INT(remove_tree(root), 0, "cleanup");

	free(mirror);
	free(tree);
	free(sub);
	free(odd);
	return unit_done();
}
