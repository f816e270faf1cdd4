// SPDX-License-Identifier: GPL-2.0
#include "preset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts_files.h"
#include "util.h"

static const char *const names[] = { [PRESET_KERNEL] = "kernel", [PRESET_PTHREAD] = "pthread" };

static const char *const kernel_files[] = {
	"locks-kernel.txt", "roots-kernel.txt", "objects-kernel.txt", NULL,
};

static const char *const pthread_files[] = {
	"locks-pthread.txt", "roots-pthread.txt", "objects-pthread.txt", NULL,
};

int preset_parse(const char *name, enum preset *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(name, names[i])) {
			*p = i;
			return 0;
		}
	}
	return -1;
}

const char *preset_name(enum preset p)
{
	return names[p];
}

static bool tree_has(const char *tree, const char *name, bool dir)
{
	char *path = xstrfmt("%s/%s", tree, name);
	bool ret = dir ? is_dir(path) : !access(path, F_OK);

	free(path);
	return ret;
}

/* Does the text include <pthread.h> or <threads.h>? */
static bool includes_threads(const char *text)
{
	for (const char *l = text; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *p = l + strspn(l, " \t");

		if (*p++ != '#')
			continue;
		p += strspn(p, " \t");
		if (!starts_with(p, "include"))
			continue;
		p += strlen("include");
		p += strspn(p, " \t");
		if (starts_with(p, "<pthread.h>") || starts_with(p, "<threads.h>"))
			return true;
	}
	return false;
}

static bool sources_use_threads(const char *tree, const struct opt_list *paths)
{
	struct opt_list files = { 0 };
	bool found = false;

	for (int i = 0; i < paths->nr; i++)
		find_sources(tree, paths->v[i], ".c", &files);
	for (int i = 0; i < files.nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", tree, files.v[i]);

		if (!found && strbuf_read_file(&sb, path) >= 0 && sb.buf)
			found = includes_threads(sb.buf);
		strbuf_release(&sb);
		free(path);
		free((char *)files.v[i]);
	}
	free(files.v);
	return found;
}

enum preset preset_resolve(const char *name, const char *tree, const struct opt_list *paths)
{
	static const char *const userspace[] = {
		"configure", "configure.ac", "CMakeLists.txt", "meson.build",
	};
	enum preset p;

	if (name) {
		if (preset_parse(name, &p))
			die("unknown preset '%s': expected kernel or pthread", name);
		return p;
	}
	if (tree_has(tree, "include/linux", true))
		return PRESET_KERNEL;
	for (size_t i = 0; i < ARRAY_SIZE(userspace); i++)
		if (tree_has(tree, userspace[i], false))
			return PRESET_PTHREAD;
	return sources_use_threads(tree, paths) ? PRESET_PTHREAD : PRESET_KERNEL;
}

const char *const *preset_vocabularies(enum preset p)
{
	return p == PRESET_KERNEL ? kernel_files : pthread_files;
}

bool preset_unreached_unknown(enum preset p)
{
	return p == PRESET_PTHREAD;
}
