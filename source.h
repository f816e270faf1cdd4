/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_SOURCE_H
#define BITSPLIT_SOURCE_H

#include "layout.h"
#include "parse_options.h"

/*
 * The options every analysis command shares:
 *   --tree DIR        the source root (default: the current directory)
 *   --build DIR       where the objects were built (a kernel's O=)
 *   --layout INPUT    a layout input as "bitsplit layout" takes (repeatable)
 *   PATH...           files or directories under the tree
 */
struct source_opts {
	const char *tree;
	const char *build;
	struct opt_list layouts;
	struct opt_list paths;		/* as given, relative to tree */
	/*
	 * "layout --build" without --tree: the PATHs only pick objects, so
	 * they are looked up in the build directory and no tree is needed.
	 */
	bool paths_in_build;
};

#define OPT_SOURCE(o)                                                          \
	{ "tree", 0, OPT_STRING, &(o)->tree, "DIR",                            \
	  "source tree root (default: current directory)" },                   \
	{ "build", 0, OPT_STRING, &(o)->build, "DIR",                          \
	  "directory the objects were built in (a kernel's O=)" },             \
	{ "layout", 0, OPT_LIST, &(o)->layouts, "INPUT",                       \
	  "object, BTF or pahole dump to take layouts from (repeatable)" }

/* -C, for every command that takes a layout. */
#define OPT_STRUCTS(list)                                                      \
	{ "struct", 'C', OPT_LIST, (list), "STRUCT",                           \
	  "only this struct or union (repeatable)" }

/*
 * The facts pass's options (a struct facts_run_opts and an opt_list for
 * --data), for every command that runs it.
 */
#define OPT_FACTS_RUN(ro, data)                                                \
	{ "jobs", 'j', OPT_INT, &(ro)->jobs, "N",                              \
	  "spatch processes (default: the online CPUs)" },                     \
	{ "timeout", 0, OPT_INT, &(ro)->timeout, "SEC",                        \
	  "give up on a file after SEC seconds (default 120)" },               \
	{ "data", 0, OPT_LIST, (data), "FILE",                                 \
	  "more lock or root vocabulary, as semantic-patches/locks-kernel.txt" }, \
	{ "preset", 0, OPT_STRING, &(ro)->preset, "NAME",                      \
	  "kernel or pthread vocabularies (default: from the tree)" },         \
	{ "macro-file", 0, OPT_STRING, &(ro)->macro_file, "FILE",              \
	  "the project's parse hints for spatch (#define lines)" }

/*
 * Check the tree and paths exist (each PATH must be under the tree), then
 * load layouts: from every --layout input, else from the objects in
 * --build that correspond to the PATHs.  Dies with a clear message when
 * neither is given or nothing can be loaded.
 */
void source_setup(struct source_opts *o);
int source_load_layout(struct source_opts *o, struct bs_layout *l);
/*
 * Objects that do not match the sources (layout_stale.c): an error for a
 * struct whose bitfields the declaration in the tree no longer holds, a
 * warning for a header newer than the object.  -1 after an error.
 */
int layout_check_sources(const struct source_opts *o, const struct bs_layout *l);

#endif
