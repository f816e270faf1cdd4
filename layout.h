/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_LAYOUT_H
#define BITSPLIT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The layout model: what pahole told us about each struct, plus the C11
 * memory locations derived from it.  Every later stage (facts, verdict,
 * planner, verify) reads only this, never pahole text.
 *
 * Offsets are absolute from the start of the outermost struct, in bits
 * where the name says so; pahole's "byte:bit" pair is kept as printed
 * because it is relative to the declared type's storage unit.
 */

struct bs_member {
	char *type;		/* type text as pahole prints it: "unsigned int", "u8", "struct foo *" */
	char *name;		/* NULL for an anonymous struct/union or an unnamed ":0" */
	char *dims;		/* array suffix "[3][4]" or NULL */
	unsigned int offset;	/* byte offset as pahole prints it */
	unsigned int unit_bit;	/* pahole's ":bit" within the declared unit (bitfields) */
	unsigned int bit_size;	/* declared width; 0 = not a bitfield */
	unsigned int size;	/* byte size pahole prints (the declared type's unit for bitfields) */
	unsigned long long bit_offset;	/* absolute first bit: offset*8 + unit_bit (little endian) */
	int depth;		/* 0 = member of the struct itself */
	int parent;		/* index of the enclosing nested struct/union member, or -1 */
	bool is_zero_width;	/* a ":0" line pahole synthesized */
	bool is_nested;		/* this member opens a nested struct/union */
	bool is_union;		/* nested aggregate is a union */
	unsigned int dump_line;	/* line in the dump, for diagnostics */
};

struct bs_hole {
	unsigned long long bit_offset;	/* where the hole starts */
	unsigned int bits;		/* its size in bits */
	int before;			/* index of the member that follows it, -1 = tail padding */
	int parent;			/* nested aggregate it lies in, -1 = the struct itself */
};

struct bs_location {
	int *fields;		/* member indices, in declaration order */
	int nr_fields;
	unsigned long long bit_begin;	/* first bit of the first field */
	unsigned long long bit_end;	/* one past the last bit of the last field */
	unsigned int byte_begin;	/* bytes a store to any field may touch */
	unsigned int byte_end;		/* one past */
	int nr_units;		/* ABI storage units the run spans */
	bool inferred;		/* a printed ":0" was judged not to be in the source */
};

struct bs_struct {
	char *name;
	bool is_union;
	unsigned int size;
	unsigned int align;		/* inferred: max member alignment or __aligned__ */
	unsigned int aligned_attr;	/* __aligned__(N) printed on the closing line, 0 if none */
	bool packed;			/* __packed__ printed on the closing line */
	unsigned int cachelines;
	char *decl_file;		/* from pahole -I, or NULL */
	unsigned int decl_line;
	char *source;			/* the input this struct came from */
	/*
	 * The .c file (relative to the tree) this struct is the own type
	 * of, when another definition shares its name: code there sees it,
	 * code elsewhere another (layout_find_in()).  NULL: the one struct
	 * of its name.
	 */
	char *scope;
	unsigned int dump_line;		/* line of "struct NAME {" in the dump */

	struct bs_member *members;
	int nr_members, alloc_members;
	struct bs_hole *holes;
	int nr_holes, alloc_holes;
	struct bs_location *locations;
	int nr_locations, alloc_locations;
};

/*
 * Every string in the model (names, types, dims, files) and every members
 * array lives in the layout's pool, freed at once by layout_release(); a
 * model built by hand takes them from layout_alloc()/layout_strdup().  A
 * vmlinux dump has 64k members: three mallocs each cost more than the
 * whole parse.  holes and locations are malloc'ed (ALLOC_GROW).
 */
struct bs_pool;

struct bs_layout {
	struct bs_struct *structs;
	int nr_structs, alloc_structs;
	struct bs_pool *pool;
};

void *layout_alloc(struct bs_layout *l, size_t n);	/* 8-byte aligned */
char *layout_strndup(struct bs_layout *l, const char *s, size_t n);
char *layout_strdup(struct bs_layout *l, const char *s);

/* Parse pahole text; errors say "name:line: error: ..." and return -1. */
int layout_parse_text(struct bs_layout *l, const char *buf, size_t len,
		      const char *name);

/*
 * Load INPUT: a pahole dump ("-" is stdin), an ELF object with DWARF, or a
 * raw BTF file.  structs, when non-NULL, is a NULL-terminated list passed
 * to pahole as -C; a struct that is not found is an error naming it.
 */
int layout_load(struct bs_layout *l, const char *input, const char **structs);
/*
 * One of the objects of a build: one that holds no struct (an empty
 * translation unit, an assembler file) is no source of layouts, not an
 * error, and adds none.  (pahole says the same of an object built
 * without -g: the caller judges the build as a whole.)
 */
int layout_load_object(struct bs_layout *l, const char *input);

/*
 * Keep, of the structs from index first on, only those named in names
 * (NULL-terminated; NULL keeps all).  A name with no struct is an error
 * "INPUT: struct 'x' not found" (input NULL: "... not found in any input").
 */
int layout_filter(struct bs_layout *l, int first, const char **names,
		  const char *input);
/*
 * For judging the structs named: keep them, and every struct with no
 * bitfield, whose members' types name the struct a lock reached through
 * them is in (&migf->mvdev->state_mutex): so -C does not change which
 * lock a writer holds.
 */
int layout_filter_judged(struct bs_layout *l, const char **names);

struct decl_scan;
/*
 * Add the structs of a declaration scan: the memory locations are right,
 * the offsets and sizes are made up (see layout_decl.c).
 */
void layout_from_decls(struct bs_layout *l, const struct decl_scan *d);

/* Derive holes and memory locations; layout_parse_text() calls it. */
void layout_compute(struct bs_struct *s);

struct bs_struct *layout_find(struct bs_layout *l, const char *name);
/*
 * The struct name that code in file sees: file's own definition when one
 * is kept apart (scope), else the one no .c file owns; NULL if none.
 */
struct bs_struct *layout_find_in(struct bs_layout *l, const char *name, const char *file);
/* Whether a store in file to a struct name is one to s (l NULL: by name alone). */
bool layout_sees(const struct bs_layout *l, const struct bs_struct *s, const char *name,
		 const char *file);
/* The location holding member index m, or NULL. */
struct bs_location *layout_location_of(struct bs_struct *s, int m);
void layout_release(struct bs_layout *l);
/* Free one struct's holes and locations (the rest is in the pool). */
void layout_release_struct(struct bs_struct *s);

struct strbuf;
/* pahole-like text, each multi-field location marked; or the JSON schema in README.md. */
void layout_print_text(struct strbuf *out, const struct bs_layout *l);
void layout_print_json(struct strbuf *out, const struct bs_layout *l);

#endif
