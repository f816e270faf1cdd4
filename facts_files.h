/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FACTS_FILES_H
#define BITSPLIT_FACTS_FILES_H

#include "parse_options.h"

/*
 * What "bitsplit facts" hands to spatch: the source files under the tree,
 * the grep prefilter, the header that defines each candidate struct (for
 * --include), and the functions the files define.  Paths are relative to
 * the tree unless said otherwise.
 */
struct bs_struct;
struct facts;
struct source_opts;
struct strbuf;

/* "a/./b/../c" -> "a/c", allocated. */
char *path_normalize(const char *path);
/* Append every file named *suffix below rel (such a file or a directory), sorted. */
void find_sources(const char *tree, const char *rel, const char *suffix,
		  struct opt_list *out);
/* Append the headers below each PATH (or the directory of a PATH file). */
void find_path_headers(const struct source_opts *src, struct opt_list *out);
/*
 * Append to keep the files that contain one of words as a word, and to
 * named the words found (allocated; one per batch of files, so sort and
 * deduplicate if that matters).
 */
void prefilter_files(const char *tree, const struct opt_list *words,
		     const struct opt_list *files, struct opt_list *keep,
		     struct opt_list *named);
/* Append the names of the functions the files define, one a line, sorted. */
void defined_functions(const char *tree, const struct opt_list *files,
		       struct strbuf *out);
/* The file defining s, from its decl_file or among files; NULL if neither. */
char *find_struct_header(const struct source_opts *src, const struct bs_struct *s,
			 const struct opt_list *files);
/* Fill each NULL headers[i] with a header under include/ or the PATHs defining names[i]. */
void grep_struct_headers(const struct source_opts *src, int nr,
			 const char *const *names, char **headers);

/*
 * Append to out the .c files near each PATH (at most a few, outside the
 * PATHs) that name a struct type the PATH's files initialize with
 * ".FIELD = fn" and call "->FIELD(": a subsystem core's dispatch sites;
 * and to tsv a "FILE<TAB>FIELD<TAB>STRUCT" line for each such field.
 */
void find_dispatch_files(const struct source_opts *src, const struct opt_list *files,
			 struct opt_list *out, struct strbuf *tsv);
/*
 * The same reading of one text, for the fuzz target: how many of the ops
 * fields text initializes it also calls, with decls as the text of the
 * headers it includes.
 */
int dispatch_calls_in_text(const char *text, const char *decls);

/*
 * Exported lifecycle pairs (facts_lifecycle.c): for each pair the files
 * export whose names differ by the words of a pair line of rv (pair add
 * remove: usb_add_hcd, usb_remove_hcd), when no root of f reaches either,
 * append a setup root fact for the first and a teardown root fact for the
 * second, of kind "lifecycle pair with OTHER (assumed)".  Returns how many
 * pairs.
 */
struct roots_vocab;
int lifecycle_pair_roots(const char *tree, const struct opt_list *files,
			 const struct roots_vocab *rv, struct facts *f, bool quiet);
/*
 * The teardown half of a setup name, or NULL: name with its first
 * '_'-separated word equal to from replaced by to ("usb_add_hcd", "add",
 * "remove" -> "usb_remove_hcd").
 */
char *lifecycle_partner(const char *name, const char *from, const char *to);

/*
 * Append the headers spatch parses with the .c files by default (their
 * #include "..." that exist beside them), normalized, once per include.
 */
void local_includes(const char *tree, const struct opt_list *files, struct opt_list *out);
/* Append the function-like macros the files #define that name one of fields. */
void field_macros(const char *tree, const struct opt_list *files,
		  const struct opt_list *fields, struct strbuf *out);
/*
 * Append "MACRO<TAB>FUNCTION" for each call a function-like macro the
 * files #define makes of one of funcs (names, one a line): a use of
 * SET_SIZE(e, n) calls set_size().  A worker of spatch learns them only
 * from the headers it parses itself, and another parses the uses.
 */
void call_macros(const char *tree, const struct opt_list *files, const char *funcs,
		 struct strbuf *out);
/*
 * Does text name one of the sorted words as an identifier?  With hit, mark
 * hit[k] for each word k it names.
 */
bool names_words(const char *text, const struct opt_list *sorted, bool *hit);

#endif
