// SPDX-License-Identifier: GPL-2.0
/*
 * The facts TSV: parse it, sort it into the order "bitsplit facts" prints,
 * print it back.  print(parse(x)) == x for any sorted x, so hand-written
 * fixtures and the tool's output are the same language.
 */
#include "facts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static const char *const kind_names[] = {
	[FACT_WRITE] = "write",
	[FACT_CALL] = "call",
	[FACT_ROOT] = "root",
	[FACT_FUNC] = "func",
	[FACT_FNLOCK] = "fnlock",
	[FACT_GUARD] = "guard",
	[FACT_STRUCT] = "struct",
	[FACT_SKIP] = "skip",
	[FACT_PASS] = "pass",
	[FACT_WPARAM] = "wparam",
	[FACT_DISPATCH] = "dispatch",
	[FACT_THREAD] = "thread",
	[FACT_APART] = "apart",
};

/* Columns after the kind, FILE and LINE included. */
static const int kind_columns[] = {
	[FACT_WRITE] = 12, [FACT_CALL] = 5, [FACT_ROOT] = 5, [FACT_FUNC] = 4,
	[FACT_FNLOCK] = 4, [FACT_GUARD] = 6, [FACT_STRUCT] = 3, [FACT_SKIP] = 4,
	[FACT_PASS] = 6, [FACT_WPARAM] = 5,
	[FACT_DISPATCH] = 4, [FACT_THREAD] = 5, [FACT_APART] = 4,
};

/*
 * Trailing columns an older file may leave out: func's LINKAGE, call's
 * DEFINED, wparam's REACHED, root's LOCKS.
 */
static const int kind_optional[ARRAY_SIZE(kind_names)] = {
	[FACT_FUNC] = 1, [FACT_CALL] = 1, [FACT_WPARAM] = 1, [FACT_ROOT] = 1,
};

static const char *const lock_hows[] = {
	"lexical", "trylock", "guard", "scoped_guard", "lockdep", "must_hold",
	"caller", "annotation", "entry",
};

const char *fact_kind_name(enum fact_kind k)
{
	return kind_names[k];
}

struct parser {
	const char *name;
	unsigned int lineno;
	bool lenient;		/* spatch's output: a bad line is dropped */
};

static int expected(struct parser *p, const char *what, const char *got)
{
	fprintf(stderr, "%s:%u: %s: expected %s, got '%s'%s\n", p->name, p->lineno,
		p->lenient ? "warning" : "error", what, got,
		p->lenient ? "; fact dropped" : "");
	return -1;
}

/* Undo the escapes facts_print_tsv() writes: \t \n \\ and, in lists, \, */
static char *unescape(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			*o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* "-" and an empty column are both "no value": the printer writes "-" for either. */
static char *field_dup(const char *s)
{
	return *s && strcmp(s, "-") ? unescape(s, strlen(s)) : NULL;
}

static int parse_uint(struct parser *p, const char *s, const char *what,
		      unsigned int *v)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (!*s || *end || errno || n > 0xffffffffUL || *s == '-' || *s == '+')
		return expected(p, what, s);
	*v = n;
	return 0;
}

/* A HOW the lock summaries learned: wrapper=FUNC, claim=FUNC, assumed-claim=FUNC[/FUNC]. */
static bool learned_how(const char *s, size_t len)
{
	static const char *const kinds[] = { "wrapper=", "claim=", "assumed-claim=" };

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		size_t k = strlen(kinds[i]);

		if (len > k && !strncmp(s, kinds[i], k))
			return true;
	}
	return false;
}

bool fact_lock_learned(const struct fact_lock *l)
{
	return l->how && learned_how(l->how, strlen(l->how));
}

void fact_lock_learned_words(const struct fact_lock *l, struct strbuf *out)
{
	const char *eq = strchr(l->how, '='), *slash;
	size_t kind;

	kind = eq - l->how;
	if (!strncmp(l->how, "wrapper", kind)) {
		strbuf_addf(out, "wrapper %s()", eq + 1);
	} else if (!strncmp(l->how, "claim", kind)) {
		strbuf_addf(out, "claim-style %s()", eq + 1);
	} else {
		slash = strchr(eq + 1, '/');
		strbuf_addf(out, "assumed claim-style by name: %.*s()", slash ?
			    (int)(slash - eq - 1) : (int)strlen(eq + 1), eq + 1);
		if (slash)
			strbuf_addf(out, "/%s()", slash + 1);
	}
}

/* One "ID:MODE@HOW" of len bytes. */
static int parse_lock(struct parser *p, const char *s, size_t len,
		      struct fact_lock *l)
{
	const char *at = NULL;
	char *text = xstrndup(s, len);
	size_t i;

	for (i = len; i > 0; i--)
		if (s[i - 1] == '@') {
			at = s + i - 1;
			break;
		}
	if (!at || at - s < 3 || at[-2] != ':' ||
	    (at[-1] != 'w' && at[-1] != 'r')) {
		expected(p, "a lock ID:MODE@HOW with MODE w or r", text);
		free(text);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(lock_hows); i++)
		if (strlen(lock_hows[i]) == len - (at + 1 - s) &&
		    !strncmp(at + 1, lock_hows[i], len - (at + 1 - s)))
			break;
	if (i == ARRAY_SIZE(lock_hows) && !learned_how(at + 1, len - (at + 1 - s))) {
		expected(p, "a lock HOW (lexical, trylock, guard, scoped_guard, "
			 "lockdep, must_hold, caller, annotation, wrapper=FUNC, "
			 "claim=FUNC, assumed-claim=FUNC/RELEASE)", text);
		free(text);
		return -1;
	}
	free(text);
	l->id = unescape(s, at - 2 - s);
	l->mode = at[-1] == 'w' ? LOCK_EXCLUSIVE : LOCK_SHARED;
	l->how = i < ARRAY_SIZE(lock_hows) ? xstrdup(lock_hows[i])
					   : unescape(at + 1, len - (at + 1 - s));
	return 0;
}

static int parse_locks(struct parser *p, const char *s, struct fact *f)
{
	if (!strcmp(s, "-"))
		return 0;
	while (*s) {
		const char *e = s;

		while (*e && *e != ',') {
			if (*e == '\\' && e[1])
				e++;
			e++;
		}
		ALLOC_GROW(f->locks, f->nr_locks + 1, f->alloc_locks);
		if (parse_lock(p, s, e - s, &f->locks[f->nr_locks]))
			return -1;
		f->nr_locks++;
		s = *e ? e + 1 : e;
	}
	return 0;
}

/* An argument index: a parameter list is never longer than this. */
static int parse_index(struct parser *p, const char *s, int *v)
{
	unsigned int n;

	if (parse_uint(p, s, "an argument INDEX", &n))
		return -1;
	if (n > 255)
		return expected(p, "an argument INDEX below 256", s);
	*v = (int)n;
	return 0;
}

static int parse_choice(struct parser *p, const char *s, const char *what,
			const char *const *choices, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, choices[i]))
			return 0;
	return expected(p, what, s);
}

static void fact_release(struct fact *f)
{
	free(f->file);
	free(f->func);
	free(f->callee);
	free(f->callee_file);
	free(f->struct_name);
	free(f->field);
	free(f->base);
	free(f->instance);
	free(f->op);
	free(f->value);
	free(f->phase);
	free(f->why);
	free(f->reason);
	for (int i = 0; i < f->nr_locks; i++) {
		free(f->locks[i].id);
		free(f->locks[i].how);
	}
	free(f->locks);
}

static const char *const instances[] = { "self", "tls", "iter", "local", "private", "closed" };
static const char *const thread_events[] = { "create", "join" };
static const char *const typings[] = { "typed", "untyped" };
static const char *const phases[] = { "setup", "teardown", "runtime" };
static const char *const linkages[] = { "static", "global" };

/* col[] holds the columns after the kind; col[0] is FILE. */
static int parse_fact(struct parser *p, struct fact *f, char **col)
{
	if (!*col[0] || !strcmp(col[0], "-"))
		return expected(p, "a FILE", col[0]);
	f->file = field_dup(col[0]);
	if (parse_uint(p, col[1], "a LINE number", &f->line))
		return -1;
	switch (f->kind) {
	case FACT_WRITE:
		if (parse_uint(p, col[2], "a COLumn number", &f->col) ||
		    parse_choice(p, col[7], "INSTANCE self, tls, iter, local, private or closed",
				 instances, ARRAY_SIZE(instances)) ||
		    parse_choice(p, col[10], "TYPING typed or untyped",
				 typings, ARRAY_SIZE(typings)))
			return -1;
		f->func = field_dup(col[3]);
		f->struct_name = field_dup(col[4]);
		f->field = field_dup(col[5]);
		f->base = field_dup(col[6]);
		f->instance = xstrdup(col[7]);
		f->op = field_dup(col[8]);
		f->value = field_dup(col[9]);
		f->typed = !strcmp(col[10], "typed");
		if (!f->struct_name || !f->field || !f->op)
			return expected(p, "STRUCT, FIELD and OP in a write", "-");
		return parse_locks(p, col[11], f);
	case FACT_CALL:
		f->func = field_dup(col[2]);
		f->callee = field_dup(col[3]);
		if (!f->func || !f->callee)
			return expected(p, "CALLER and CALLEE in a call", "-");
		if (col[5])
			f->callee_file = field_dup(col[5]);
		return parse_locks(p, col[4], f);
	case FACT_ROOT:
		if (parse_choice(p, col[3], "PHASE setup, teardown or runtime",
				 phases, ARRAY_SIZE(phases)))
			return -1;
		f->func = field_dup(col[2]);
		f->phase = xstrdup(col[3]);
		f->why = field_dup(col[4]);
		if (!f->func)
			return expected(p, "FUNC in a root", "-");
		return col[5] ? parse_locks(p, col[5], f) : 0;
	case FACT_FUNC:
		f->func = field_dup(col[2]);
		if (!f->func)
			return expected(p, "FUNC in a func", "-");
		if (parse_uint(p, col[3], "an END_LINE number", &f->end_line))
			return -1;
		if (f->end_line < f->line && !p->lenient)
			return expected(p, "END_LINE >= LINE", col[3]);
		/* a function defined through a macro, or in an #included .c file */
		if (f->end_line < f->line) {
			fprintf(stderr, "%s:%u: warning: spatch ends %s at line %u, "
				"before its start; taking its extent as unknown\n",
				f->file, f->line, f->func, f->end_line);
			f->end_line = f->line;
		}
		if (!col[4])
			return 0;
		if (parse_choice(p, col[4], "LINKAGE static or global",
				 linkages, ARRAY_SIZE(linkages)))
			return -1;
		f->is_static = !strcmp(col[4], "static");
		return 0;
	case FACT_FNLOCK:
		f->func = field_dup(col[2]);
		if (!f->func || !*col[3] || !strcmp(col[3], "-"))
			return expected(p, "FUNC and LOCK in a fnlock", "-");
		return parse_locks(p, col[3], f);
	case FACT_GUARD:
		f->struct_name = field_dup(col[2]);
		f->field = field_dup(col[3]);
		f->why = field_dup(col[5]);
		if (!f->struct_name)
			return expected(p, "STRUCT in a guard", "-");
		return parse_locks(p, col[4], f);
	case FACT_STRUCT:
		f->struct_name = field_dup(col[2]);
		if (!f->struct_name)
			return expected(p, "STRUCT in a struct", "-");
		return 0;
	case FACT_SKIP:
		f->why = field_dup(col[2]);
		f->reason = field_dup(col[3]);
		if (!f->why)
			return expected(p, "WHAT in a skip", "-");
		return 0;
	case FACT_PASS:
		f->func = field_dup(col[2]);
		f->callee = field_dup(col[3]);
		if (!f->func || !f->callee)
			return expected(p, "CALLER and CALLEE in a pass", "-");
		if (parse_index(p, col[4], &f->arg))
			return -1;
		f->from_arg = -1;
		f->own = starts_with(col[5], "own");
		if (!strcmp(col[5], "private") || !strcmp(col[5], "own"))
			return 0;
		if ((strncmp(col[5], "arg=", 4) && strncmp(col[5], "own=", 4)) ||
		    parse_index(p, col[5] + 4, &f->from_arg))
			return expected(p, "FROM private, own, arg=K or own=K", col[5]);
		return 0;
	case FACT_WPARAM:
		if (parse_uint(p, col[2], "a COLumn number", &f->col))
			return -1;
		f->func = field_dup(col[3]);
		if (!f->func)
			return expected(p, "FUNC in a wparam", "-");
		if (parse_index(p, col[4], &f->arg))
			return -1;
		if (col[5] && strcmp(col[5], "reached"))
			return expected(p, "REACHED reached", col[5]);
		f->own = col[5] != NULL;
		return 0;
	case FACT_DISPATCH:
		f->func = field_dup(col[2]);
		f->field = field_dup(col[3]);
		if (!f->func || !f->field)
			return expected(p, "FUNC and FIELD in a dispatch", "-");
		return 0;
	case FACT_THREAD:
		if (parse_choice(p, col[3], "EVENT create or join", thread_events,
				 ARRAY_SIZE(thread_events)))
			return -1;
		f->func = field_dup(col[2]);
		f->why = xstrdup(col[3]);
		f->callee = field_dup(col[4]);
		if (!f->func)
			return expected(p, "FUNC in a thread", "-");
		return 0;
	case FACT_APART:
		f->func = field_dup(col[2]);
		if (!f->func)
			return expected(p, "FUNC in an apart", "-");
		return parse_uint(p, col[3], "a FROM line number", &f->end_line);
	}
	return 0;
}

static int parse_line(struct parser *p, struct facts *fs, char *line)
{
	char *col[16] = { NULL };
	int n = 0, k;
	struct fact *f;

	for (char *s = line;; s++) {
		if (n < (int)ARRAY_SIZE(col))
			col[n] = s;
		n++;
		s = strchr(s, '\t');
		if (!s)
			break;
		*s = '\0';
	}
	for (k = 0; k < (int)ARRAY_SIZE(kind_names); k++)
		if (!strcmp(col[0], kind_names[k]))
			break;
	if (k == (int)ARRAY_SIZE(kind_names))
		return expected(p, "a fact kind (write, call, root, func, fnlock, "
				"guard, struct, skip, pass, wparam, dispatch)", col[0]);
	if (n - 1 < kind_columns[k] || n - 1 > kind_columns[k] + kind_optional[k]) {
		char got[32];

		snprintf(got, sizeof(got), "%d", n - 1);
		fprintf(stderr, "%s:%u: %s: expected %d%s TAB-separated fields "
			"after '%s', got %s%s\n", p->name, p->lineno,
			p->lenient ? "warning" : "error", kind_columns[k],
			kind_optional[k] ? " or more" : "", kind_names[k], got,
			p->lenient ? "; fact dropped" : "");
		return -1;
	}
	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	if (parse_fact(p, f, col + 1)) {
		fact_release(f);
		return -1;
	}
	fs->nr++;
	return 0;
}

static int parse(struct facts *f, const char *buf, size_t len, const char *name,
		 bool lenient)
{
	struct parser p = { name, 0, lenient };
	char *copy, *s, *nl;
	int ret = 0, dropped = 0;

	if (check_text(buf, len, name))
		return -1;
	copy = s = xstrndup(buf, len);

	for (; *s; s = nl ? nl + 1 : s + strlen(s)) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		p.lineno++;
		if (!*s || *s == '#')
			continue;
		ret = parse_line(&p, f, s);
		if (ret && lenient)
			dropped++;
		else if (ret)
			break;
		if (!nl)
			break;
	}
	free(copy);
	return lenient ? dropped : ret;
}

int facts_parse(struct facts *f, const char *buf, const char *name)
{
	return parse(f, buf, strlen(buf), name, false);
}

int facts_parse_buf(struct facts *f, const char *buf, size_t len, const char *name)
{
	return parse(f, buf, len, name, false);
}

int facts_parse_lenient(struct facts *f, const char *buf, const char *name)
{
	return parse(f, buf, strlen(buf), name, true);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_fact(const void *va, const void *vb)
{
	const struct fact *a = va, *b = vb;
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;
	struct facts one;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	c = cmp_str(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	/* Same place: order by the whole printed line, so the order is total. */
	one = (struct facts){ (struct fact *)a, 1, 1 };
	facts_print_tsv(&one, &sa);
	one.v = (struct fact *)b;
	facts_print_tsv(&one, &sb);
	c = strcmp(sa.buf, sb.buf);
	strbuf_release(&sa);
	strbuf_release(&sb);
	return c;
}

int facts_load_file(struct facts *f, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path) < 0) {
		strbuf_release(&sb);
		return error("cannot read facts '%s': %s", path, strerror(errno));
	}
	ret = facts_parse_buf(f, sb.buf, sb.len, path);
	strbuf_release(&sb);
	return ret;
}

void facts_sort(struct facts *f)
{
	if (f->nr > 1)
		qsort(f->v, f->nr, sizeof(*f->v), cmp_fact);
}

static void add_field(struct strbuf *out, const char *s, bool in_list)
{
	if (!s || !*s) {
		strbuf_addch(out, '-');
		return;
	}
	if (!strcmp(s, "-")) {
		strbuf_addstr(out, "\\-");	/* a value "-", not the absent one */
		return;
	}
	for (; *s; s++) {
		if (*s == '\t')
			strbuf_addstr(out, "\\t");
		else if (*s == '\n')
			strbuf_addstr(out, "\\n");
		else if (*s == '\\' || (in_list && *s == ','))
			strbuf_addf(out, "\\%c", *s);
		else
			strbuf_addch(out, *s);
	}
}

void fact_lock_format(const struct fact_lock *l, struct strbuf *out)
{
	add_field(out, l->id, true);
	strbuf_addf(out, ":%c@", l->mode == LOCK_SHARED ? 'r' : 'w');
	add_field(out, l->how, true);
}

static void add_locks(struct strbuf *out, const struct fact *f)
{
	strbuf_addch(out, '\t');
	if (!f->nr_locks)
		strbuf_addch(out, '-');
	for (int i = 0; i < f->nr_locks; i++) {
		if (i)
			strbuf_addch(out, ',');
		fact_lock_format(&f->locks[i], out);
	}
}

static void add(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '\t');
	add_field(out, s, false);
}

void facts_print_tsv(const struct facts *fs, struct strbuf *out)
{
	for (int i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->v[i];

		strbuf_addstr(out, kind_names[f->kind]);
		add(out, f->file);
		strbuf_addf(out, "\t%u", f->line);
		switch (f->kind) {
		case FACT_WRITE:
			strbuf_addf(out, "\t%u", f->col);
			add(out, f->func);
			add(out, f->struct_name);
			add(out, f->field);
			add(out, f->base);
			add(out, f->instance);
			add(out, f->op);
			add(out, f->value);
			add(out, f->typed ? "typed" : "untyped");
			add_locks(out, f);
			break;
		case FACT_CALL:
			add(out, f->func);
			add(out, f->callee);
			add_locks(out, f);
			if (f->callee_file)
				add(out, f->callee_file);
			break;
		case FACT_ROOT:
			add(out, f->func);
			add(out, f->phase);
			add(out, f->why);
			if (f->nr_locks)
				add_locks(out, f);
			break;
		case FACT_FUNC:
			add(out, f->func);
			strbuf_addf(out, "\t%u", f->end_line);
			/* "global" is the default an older file leaves out. */
			if (f->is_static)
				strbuf_addstr(out, "\tstatic");
			break;
		case FACT_FNLOCK:
			add(out, f->func);
			add_locks(out, f);
			break;
		case FACT_GUARD:
			add(out, f->struct_name);
			add(out, f->field);
			add_locks(out, f);
			add(out, f->why);
			break;
		case FACT_STRUCT:
			add(out, f->struct_name);
			break;
		case FACT_SKIP:
			add(out, f->why);
			add(out, f->reason);
			break;
		case FACT_PASS:
			add(out, f->func);
			add(out, f->callee);
			strbuf_addf(out, "\t%d", f->arg);
			if (f->from_arg < 0)
				strbuf_addstr(out, f->own ? "\town" : "\tprivate");
			else
				strbuf_addf(out, "\t%s=%d", f->own ? "own" : "arg", f->from_arg);
			break;
		case FACT_WPARAM:
			strbuf_addf(out, "\t%u", f->col);
			add(out, f->func);
			strbuf_addf(out, "\t%d", f->arg);
			if (f->own)
				strbuf_addstr(out, "\treached");
			break;
		case FACT_DISPATCH:
			add(out, f->func);
			add(out, f->field);
			break;
		case FACT_THREAD:
			add(out, f->func);
			add(out, f->why);
			add(out, f->callee);
			break;
		case FACT_APART:
			add(out, f->func);
			strbuf_addf(out, "\t%u", f->end_line);
			break;
		}
		strbuf_addch(out, '\n');
	}
}

static void json_locks(struct json *j, const struct fact *f)
{
	json_begin_array(j, "locks");
	for (int i = 0; i < f->nr_locks; i++) {
		json_begin_object(j, NULL);
		json_string(j, "id", f->locks[i].id);
		json_string(j, "mode", f->locks[i].mode == LOCK_SHARED ?
			    "shared" : "exclusive");
		json_string(j, "how", f->locks[i].how);
		json_end(j);
	}
	json_end(j);
}

void facts_print_json(const struct facts *fs, struct strbuf *out)
{
	struct json j;

	json_init(&j, out);
	json_begin_array(&j, NULL);
	for (int i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->v[i];

		json_begin_object(&j, NULL);
		json_string(&j, "kind", kind_names[f->kind]);
		json_string(&j, "file", f->file);
		json_int(&j, "line", f->line);
		switch (f->kind) {
		case FACT_WRITE:
			json_int(&j, "col", f->col);
			json_string(&j, "func", f->func);
			json_string(&j, "struct", f->struct_name);
			json_string(&j, "field", f->field);
			json_string(&j, "base", f->base);
			json_string(&j, "instance", f->instance);
			json_string(&j, "op", f->op);
			json_string(&j, "value", f->value);
			json_bool(&j, "typed", f->typed);
			json_locks(&j, f);
			break;
		case FACT_CALL:
			json_string(&j, "caller", f->func);
			json_string(&j, "callee", f->callee);
			json_locks(&j, f);
			if (f->callee_file)
				json_string(&j, "defined", f->callee_file);
			break;
		case FACT_ROOT:
			json_string(&j, "func", f->func);
			json_string(&j, "phase", f->phase);
			json_string(&j, "why", f->why);
			if (f->nr_locks)
				json_locks(&j, f);
			break;
		case FACT_FUNC:
			json_string(&j, "func", f->func);
			json_int(&j, "end_line", f->end_line);
			json_string(&j, "linkage", f->is_static ? "static" : "global");
			break;
		case FACT_FNLOCK:
			json_string(&j, "func", f->func);
			json_locks(&j, f);
			break;
		case FACT_GUARD:
			json_string(&j, "struct", f->struct_name);
			json_string(&j, "field", f->field);
			json_locks(&j, f);
			json_string(&j, "source", f->why);
			break;
		case FACT_STRUCT:
			json_string(&j, "struct", f->struct_name);
			break;
		case FACT_SKIP:
			json_string(&j, "what", f->why);
			json_string(&j, "reason", f->reason);
			break;
		case FACT_PASS:
			json_string(&j, "caller", f->func);
			json_string(&j, "callee", f->callee);
			json_int(&j, "index", f->arg);
			if (f->from_arg < 0)
				json_string(&j, "from", f->own ? "own" : "private");
			else
				json_int(&j, "from_arg", f->from_arg);
			if (f->own)
				json_bool(&j, "own", true);
			break;
		case FACT_WPARAM:
			json_int(&j, "col", f->col);
			json_string(&j, "func", f->func);
			json_int(&j, "index", f->arg);
			if (f->own)
				json_bool(&j, "reached", true);
			break;
		case FACT_DISPATCH:
			json_string(&j, "func", f->func);
			json_string(&j, "field", f->field);
			break;
		case FACT_THREAD:
			json_string(&j, "func", f->func);
			json_string(&j, "event", f->why);
			json_string(&j, "entry", f->callee);
			break;
		case FACT_APART:
			json_string(&j, "func", f->func);
			json_int(&j, "from", f->end_line);
			break;
		}
		json_end(&j);
	}
	json_end(&j);
}

void facts_release(struct facts *f)
{
	for (int i = 0; i < f->nr; i++)
		fact_release(&f->v[i]);
	free(f->v);
	f->v = NULL;
	f->nr = f->alloc = 0;
}
