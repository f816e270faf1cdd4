// SPDX-License-Identifier: GPL-2.0
#include "tree_files.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

void tree_files(const char *tree, const char *rel, struct opt_list *out)
{
	char *full = xstrfmt("%s/%s", tree, rel);
	struct opt_list names = { 0 };
	struct stat st;
	struct dirent *de;
	DIR *d;

	if (stat(full, &st) || !S_ISDIR(st.st_mode)) {
		if (ends_with(rel, ".c") || ends_with(rel, ".h"))
			opt_list_append(out, xstrdup(rel));
		free(full);
		return;
	}
	d = opendir(full);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.')
			opt_list_append(&names, xstrdup(de->d_name));
	if (d)
		closedir(d);
	if (names.nr)
		qsort(names.v, (size_t)names.nr, sizeof(*names.v), cmp_strp);
	for (int i = 0; i < names.nr; i++) {
		char *sub = strcmp(rel, ".") ? xstrfmt("%s/%s", rel, names.v[i]) :
			    xstrdup(names.v[i]);

		tree_files(tree, sub, out);
		free(sub);
		free((char *)names.v[i]);
	}
	free(names.v);
	free(full);
}
