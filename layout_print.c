// SPDX-License-Identifier: GPL-2.0
/*
 * "bitsplit layout" output.  The text mimics pahole so a maintainer reads
 * it at a glance, plus what pahole cannot say: where each memory location
 * shared by several fields begins, and whether a ":0" pahole printed
 * really separates two locations.  The JSON schema is in README.md.
 */
#include <stdlib.h>
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

/*
 * One struct being printed, with what each member needs looked up once:
 * its location, the hole before it, and each aggregate's tail padding.
 */
struct text {
	struct strbuf *out;
	const struct bs_struct *s;
	int *loc;		/* per member: location index or -1 */
	int *hole;		/* per member: the hole before it or -1 */
	int *tail;		/* per aggregate + 1 (0: the struct): tail padding or -1 */
};

static void location_marker(struct text *t, int m)
{
	const struct bs_location *loc;
	struct strbuf *out = t->out;
	int i = t->loc[m];

	if (i < 0)
		return;
	loc = &t->s->locations[i];
	if (loc->fields[0] != m || loc->nr_fields < 2)
		return;
	indent(out, t->s->members[m].depth);
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
static const char *zero_width_note(const struct text *t, int m)
{
	const struct bs_member *mm = t->s->members;
	int prev = -1, next = -1;

	for (int i = m - 1; i >= 0 && mm[i].depth >= mm[m].depth; i--)
		if (mm[i].depth == mm[m].depth) {
			prev = i;
			break;
		}
	for (int i = m + 1; i < t->s->nr_members && mm[i].depth >= mm[m].depth; i++)
		if (mm[i].depth == mm[m].depth) {
			next = i;
			break;
		}
	if (prev < 0 || t->loc[prev] < 0)
		return "";
	if (next >= 0 && t->loc[prev] == t->loc[next])
		return "/* ABI unit break, same location */";
	return "/* ends the location */";
}

static void hole_lines(struct strbuf *out, int depth, const struct bs_hole *h,
		       const char *what)
{
	unsigned long long bits = h->bits;
	unsigned long long head = h->bit_offset % 8 ? 8 - h->bit_offset % 8 : 0;

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
}

static void hole_before(struct text *t, int m)
{
	if (t->hole[m] < 0)
		return;
	hole_lines(t->out, t->s->members[m].depth, &t->s->holes[t->hole[m]], "hole");
	strbuf_addch(t->out, '\n');
}

static void tail_padding(struct text *t, int agg, int depth)
{
	if (t->tail[agg + 1] >= 0)
		hole_lines(t->out, depth, &t->s->holes[t->tail[agg + 1]], "padding");
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

static void member_line(struct text *t, int i)
{
	const struct bs_member *m = &t->s->members[i];
	const char *fp = strstr(m->type, "(*");
	struct strbuf *out = t->out;
	const char *note = m->is_zero_width ? zero_width_note(t, i) : NULL;
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
	if (note && !*note) {
		strbuf_addch(out, '\n');
		return;
	}
	pad_to(out, start, NAME_WIDTH);
	strbuf_addch(out, ' ');
	if (note)
		strbuf_addf(out, "%s\n", note);
	else
		offsets(out, m);
}

static void close_nested(struct text *t, int agg)
{
	const struct bs_member *m = &t->s->members[agg];
	struct strbuf *out = t->out;
	size_t start;

	tail_padding(t, agg, m->depth + 1);
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

static void index_struct(struct text *t)
{
	const struct bs_struct *s = t->s;
	size_t n = (size_t)s->nr_members + 1;

	t->loc = xmalloc(3 * n * sizeof(int));
	t->hole = t->loc + n;
	t->tail = t->hole + n;
	for (size_t i = 0; i < 3 * n; i++)
		t->loc[i] = -1;
	for (int i = 0; i < s->nr_locations; i++)
		for (int j = 0; j < s->locations[i].nr_fields; j++)
			t->loc[s->locations[i].fields[j]] = i;
	for (int i = 0; i < s->nr_holes; i++) {
		const struct bs_hole *h = &s->holes[i];

		if (h->before >= 0)
			t->hole[h->before] = i;
		else
			t->tail[h->parent + 1] = i;
	}
}

static void print_struct(struct strbuf *out, const struct bs_struct *s)
{
	struct text t = { .out = out, .s = s };
	int open[66], nr_open = 0, shared = 0;
	unsigned int line = 0;

	index_struct(&t);
	if (s->decl_file)
		strbuf_addf(out, "/* %s:%u */\n", s->decl_file, s->decl_line);
	strbuf_addf(out, "%s %s {\n", s->is_union ? "union" : "struct", s->name);
	for (int i = 0; i < s->nr_members; i++) {
		const struct bs_member *m = &s->members[i];

		while (nr_open && s->members[open[nr_open - 1]].depth >= m->depth)
			close_nested(&t, open[--nr_open]);
		hole_before(&t, i);
		cacheline(out, m, &line);
		location_marker(&t, i);
		if (m->is_nested) {
			indent(out, m->depth);
			strbuf_addf(out, "%s {\n", m->type);
			if (nr_open < (int)ARRAY_SIZE(open))
				open[nr_open++] = i;
			continue;
		}
		member_line(&t, i);
	}
	while (nr_open)
		close_nested(&t, open[--nr_open]);
	tail_padding(&t, -1, 0);
	free(t.loc);
	for (int i = 0; i < s->nr_locations; i++)
		shared += s->locations[i].nr_fields > 1;
	if (out->len < 2 || out->buf[out->len - 2] != '\n')
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
