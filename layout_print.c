// SPDX-License-Identifier: GPL-2.0
/*
 * "bitsplit layout" output.  The text mimics pahole so a maintainer reads
 * it at a glance, plus what pahole cannot say: where each memory location
 * shared by several fields begins, and whether a ":0" pahole printed
 * really separates two locations.  The JSON schema is in README.md.
 */
#include <string.h>

#include "json.h"
#include "layout.h"
#include "util.h"

#define TYPE_WIDTH 26
#define NAME_WIDTH 21

static void indent(struct strbuf *out, int depth)
{
	for (int i = 0; i <= depth; i++)
		strbuf_addch(out, '\t');
}

static void pad_to(struct strbuf *out, size_t from, size_t width)
{
	for (size_t n = out->len - from; n < width; n++)
		strbuf_addch(out, ' ');
}

static int type_width(int depth)
{
	return TYPE_WIDTH - 8 * depth > 8 ? TYPE_WIDTH - 8 * depth : 8;
}

static void offsets(struct strbuf *out, const struct bs_member *m)
{
	if (m->bit_size)
		strbuf_addf(out, "/* %5u:%2u %2u */\n", m->offset, m->unit_bit, m->size);
	else
		strbuf_addf(out, "/* %5u %5u */\n", m->offset, m->size);
}

static int location_index(const struct bs_struct *s, int m)
{
	for (int i = 0; i < s->nr_locations; i++)
		for (int j = 0; j < s->locations[i].nr_fields; j++)
			if (s->locations[i].fields[j] == m)
				return i;
	return -1;
}

static void location_marker(struct strbuf *out, const struct bs_struct *s, int m)
{
	int i = location_index(s, m);
	const struct bs_location *loc;

	if (i < 0)
		return;
	loc = &s->locations[i];
	if (loc->fields[0] != m || loc->nr_fields < 2)
		return;
	indent(out, s->members[m].depth);
	strbuf_addf(out, "/* location %d: ", i + 1);
	if (loc->byte_end - loc->byte_begin == 1)
		strbuf_addf(out, "byte %u", loc->byte_begin);
	else
		strbuf_addf(out, "bytes %u-%u", loc->byte_begin, loc->byte_end - 1);
	strbuf_addf(out, ", %d fields", loc->nr_fields);
	if (loc->nr_units > 1)
		strbuf_addf(out, ", %d units", loc->nr_units);
	if (loc->inferred)
		strbuf_addstr(out, ", inferred");
	strbuf_addstr(out, " */\n");
}

/*
 * What a ":0" at m means here: a break between two fields of one location
 * (the ABI's doing), the end of a location, or nothing we can tell.
 */
static const char *zero_width_note(const struct bs_struct *s, int m)
{
	int prev = -1, next = -1;

	for (int i = m - 1; i >= 0 && s->members[i].depth >= s->members[m].depth; i--)
		if (s->members[i].depth == s->members[m].depth) {
			prev = i;
			break;
		}
	for (int i = m + 1; i < s->nr_members && s->members[i].depth >= s->members[m].depth; i++)
		if (s->members[i].depth == s->members[m].depth) {
			next = i;
			break;
		}
	if (prev < 0 || location_index(s, prev) < 0)
		return "";
	if (next >= 0 && location_index(s, prev) == location_index(s, next))
		return "/* ABI unit break, same location */";
	return "/* ends the location */";
}

static void hole_lines(struct strbuf *out, int depth, unsigned long long at,
		       unsigned long long bits, const char *what)
{
	unsigned long long head = at % 8 ? 8 - at % 8 : 0;

	if (head > bits)
		head = bits;
	strbuf_addch(out, '\n');
	if (head) {
		indent(out, depth);
		strbuf_addf(out, "/* XXX %llu bit%s %s */\n", head, head == 1 ? "" : "s", what);
		bits -= head;
	}
	if (bits / 8) {
		indent(out, depth);
		strbuf_addf(out, "/* XXX %llu byte%s %s */\n", bits / 8,
			    bits / 8 == 1 ? "" : "s", what);
	}
	if (bits % 8) {
		indent(out, depth);
		strbuf_addf(out, "/* XXX %llu bit%s %s */\n", bits % 8,
			    bits % 8 == 1 ? "" : "s", what);
	}
	if (strcmp(what, "padding"))
		strbuf_addch(out, '\n');
}

static void holes_before(struct strbuf *out, const struct bs_struct *s, int m,
			 int parent, int depth)
{
	for (int i = 0; i < s->nr_holes; i++) {
		const struct bs_hole *h = &s->holes[i];

		if (h->before == m && h->parent == parent)
			hole_lines(out, depth, h->bit_offset, h->bits,
				   m < 0 ? "padding" : "hole");
	}
}

static void cacheline(struct strbuf *out, const struct bs_member *m, unsigned int *last)
{
	unsigned int line = m->offset / 64;

	if (m->is_zero_width || line <= *last)
		return;
	*last = line;
	indent(out, m->depth);
	if (m->offset % 64)
		strbuf_addf(out, "/* --- cacheline %u boundary (%u bytes) was %u bytes ago --- */\n",
			    line, line * 64, m->offset % 64);
	else
		strbuf_addf(out, "/* --- cacheline %u boundary (%u bytes) --- */\n",
			    line, line * 64);
}

static void member_line(struct strbuf *out, const struct bs_struct *s, int i)
{
	const struct bs_member *m = &s->members[i];
	const char *fp = strstr(m->type, "(*");
	size_t start;

	indent(out, m->depth);
	start = out->len;
	if (fp)
		strbuf_add(out, m->type, (size_t)(fp - m->type));
	else
		strbuf_addstr(out, m->type);
	pad_to(out, start, (size_t)type_width(m->depth));
	strbuf_addch(out, ' ');
	start = out->len;
	if (fp) {
		strbuf_addstr(out, "(*");
		strbuf_addstr(out, m->name ? m->name : "");
		strbuf_addstr(out, fp + 2);
	} else if (m->name) {
		strbuf_addstr(out, m->name);
	}
	if (m->dims)
		strbuf_addstr(out, m->dims);
	if (m->bit_size || m->is_zero_width)
		strbuf_addf(out, ":%u", m->bit_size);
	strbuf_addch(out, ';');
	if (m->is_zero_width && !*zero_width_note(s, i)) {
		strbuf_addch(out, '\n');
		return;
	}
	pad_to(out, start, NAME_WIDTH);
	strbuf_addch(out, ' ');
	if (m->is_zero_width)
		strbuf_addf(out, "%s\n", zero_width_note(s, i));
	else
		offsets(out, m);
}

static void close_nested(struct strbuf *out, const struct bs_struct *s, int agg)
{
	const struct bs_member *m = &s->members[agg];
	size_t start;

	holes_before(out, s, -1, agg, m->depth + 1);
	indent(out, m->depth);
	start = out->len;
	strbuf_addch(out, '}');
	if (m->name) {
		strbuf_addch(out, ' ');
		strbuf_addstr(out, m->name);
	}
	if (m->dims)
		strbuf_addstr(out, m->dims);
	strbuf_addch(out, ';');
	pad_to(out, start, (size_t)type_width(m->depth) + 1 + NAME_WIDTH);
	strbuf_addch(out, ' ');
	offsets(out, m);
}

static void print_struct(struct strbuf *out, const struct bs_struct *s)
{
	int open[66], nr_open = 0, shared = 0;
	unsigned int line = 0;

	if (s->decl_file)
		strbuf_addf(out, "/* %s:%u */\n", s->decl_file, s->decl_line);
	strbuf_addf(out, "%s %s {\n", s->is_union ? "union" : "struct", s->name);
	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];

		while (nr_open && s->members[open[nr_open - 1]].depth >= m->depth)
			close_nested(out, s, open[--nr_open]);
		holes_before(out, s, i, m->parent, m->depth);
		cacheline(out, m, &line);
		location_marker(out, s, i);
		if (m->is_nested) {
			indent(out, m->depth);
			strbuf_addf(out, "%s {\n", m->type);
			if (nr_open < (int)ARRAY_SIZE(open))
				open[nr_open++] = i;
			continue;
		}
		member_line(out, s, i);
	}
	while (nr_open)
		close_nested(out, s, open[--nr_open]);
	holes_before(out, s, -1, -1, 0);
	for (int i = 0; i < s->nr_locations; i++)
		shared += s->locations[i].nr_fields > 1;
	if (!ends_with(out->buf, "\n\n"))
		strbuf_addch(out, '\n');
	strbuf_addf(out, "\t/* size: %u, align: %u, cachelines: %u */\n",
		    s->size, s->align, s->cachelines);
	if (s->nr_locations)
		strbuf_addf(out, "\t/* bitfield locations: %d, shared by several fields: %d */\n",
			    s->nr_locations, shared);
	strbuf_addch(out, '}');
	if (s->packed)
		strbuf_addstr(out, " __attribute__((__packed__))");
	if (s->aligned_attr)
		strbuf_addf(out, " __attribute__((__aligned__(%u)))", s->aligned_attr);
	strbuf_addstr(out, ";\n");
}

void layout_print_text(struct strbuf *out, const struct bs_layout *l)
{
	for (int i = 0; i < l->nr_structs; i++) {
		if (i)
			strbuf_addch(out, '\n');
		print_struct(out, &l->structs[i]);
	}
}

static void json_member(struct json *j, const struct bs_member *m)
{
	json_begin_object(j, NULL);
	json_string(j, "name", m->name);
	json_string(j, "type", m->type);
	json_string(j, "dims", m->dims);
	json_int(j, "offset", m->offset);
	json_int(j, "bit_offset", (long long)m->bit_offset);
	json_int(j, "bit_size", m->bit_size);
	json_int(j, "size", m->size);
	json_int(j, "depth", m->depth);
	json_int(j, "parent", m->parent);
	json_bool(j, "nested", m->is_nested);
	json_bool(j, "zero_width", m->is_zero_width);
	json_end(j);
}

static void json_struct(struct json *j, const struct bs_struct *s)
{
	json_begin_object(j, NULL);
	json_string(j, "name", s->name);
	json_string(j, "kind", s->is_union ? "union" : "struct");
	json_int(j, "size", s->size);
	json_int(j, "align", s->align);
	json_bool(j, "packed", s->packed);
	json_string(j, "file", s->decl_file);
	if (s->decl_file)
		json_int(j, "line", s->decl_line);
	else
		json_null(j, "line");
	json_begin_array(j, "members");
	for (int i = 0; i < s->nr_members; i++)
		json_member(j, &s->members[i]);
	json_end(j);
	json_begin_array(j, "holes");
	for (int i = 0; i < s->nr_holes; i++) {
		const struct bs_hole *h = &s->holes[i];

		json_begin_object(j, NULL);
		json_int(j, "bit_offset", (long long)h->bit_offset);
		json_int(j, "bits", h->bits);
		json_int(j, "before", h->before);
		json_int(j, "parent", h->parent);
		json_end(j);
	}
	json_end(j);
	json_begin_array(j, "locations");
	for (int i = 0; i < s->nr_locations; i++) {
		const struct bs_location *loc = &s->locations[i];

		json_begin_object(j, NULL);
		json_begin_array(j, "fields");
		for (int f = 0; f < loc->nr_fields; f++)
			json_string(j, NULL, s->members[loc->fields[f]].name);
		json_end(j);
		json_begin_array(j, "members");
		for (int f = 0; f < loc->nr_fields; f++)
			json_int(j, NULL, loc->fields[f]);
		json_end(j);
		json_int(j, "byte_begin", loc->byte_begin);
		json_int(j, "byte_end", loc->byte_end);
		json_int(j, "bit_begin", (long long)loc->bit_begin);
		json_int(j, "bit_end", (long long)loc->bit_end);
		json_int(j, "units", loc->nr_units);
		json_bool(j, "inferred", loc->inferred);
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

void layout_print_json(struct strbuf *out, const struct bs_layout *l)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j, NULL);
	json_begin_array(&j, "structs");
	for (int i = 0; i < l->nr_structs; i++)
		json_struct(&j, &l->structs[i]);
	json_end(&j);
	json_end(&j);
}
