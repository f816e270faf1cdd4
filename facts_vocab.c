// SPDX-License-Identifier: GPL-2.0
/*
 * Check a lock or root vocabulary (semantic-patches/locks-*.txt,
 * roots-*.txt, --data files) before spatch reads it: facts.cocci would
 * skip a line it does not understand, and a misspelt lock would then be
 * dropped without a word.
 */
#include "facts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "roots_vocab.h"
#include "util.h"

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

static bool is_lock_action(const char *w)
{
	static const char *const actions[] = {
		"lock", "trylock", "trylock0", "unlock", "assert",
	};

	return one_of(w, actions, ARRAY_SIZE(actions));
}

/*
 * What follows NAME MODE: an ID (a fixed identity, or a template with @N
 * for argument N), then how=wrapper|claim|assumed-claim, id=LOCKID and
 * pair=RELEASE (see locks-kernel.txt).  NULL when good, else what was expected.
 */
static const char *lock_options(char **w, int n)
{
	static const char *const hows[] = { "wrapper", "claim", "assumed-claim" };

	for (int i = 0; i < n; i++) {
		const char *at = strchr(w[i], '@');

		if (starts_with(w[i], "how=")) {
			if (!one_of(w[i] + 4, hows, ARRAY_SIZE(hows)))
				return "how=wrapper, how=claim or how=assumed-claim";
		} else if (starts_with(w[i], "id=") || starts_with(w[i], "pair=")) {
			if (!strchr(w[i], '=')[1])
				return "a name after id= or pair=";
		} else if (i) {
			return "how=, id= or pair= after the ID";
		} else if (at && (!isdigit((unsigned char)at[1]) || strchr(at + 1, '@'))) {
			return "one @N (argument N) in a template ID";
		}
	}
	return NULL;
}

/* holds=ID[:MODE],...: the locks a root's caller holds around each call. */
static bool holds_list(const char *w)
{
	if (!starts_with(w, "holds="))
		return false;
	for (const char *s = w + 6;; s++) {
		size_t id = strcspn(s, ":,");

		if (!id)
			return false;
		s += id;
		if (*s == ':') {
			if ((s[1] != 'r' && s[1] != 'w') || (s[2] && s[2] != ','))
				return false;
			s += 2;
		}
		if (!*s)
			return true;
	}
}

int facts_vocabulary_summary_names(const char *path, struct opt_list *names)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, path) < 0)
		return error("%s: %s", path, strerror(errno));
	for (char *l = sb.buf, *save = NULL, *line; (line = strtok_r(l, "\n", &save)); l = NULL) {
		char *s2 = NULL, *act = strtok_r(line, " \t", &s2), *name = strtok_r(NULL, " \t", &s2);

		if (act && name && ((is_lock_action(act) && strcmp(act, "assert")) ||
				    !strcmp(act, "alloc")))
			opt_list_append(names, xstrdup(name));
	}
	strbuf_release(&sb);
	return 0;
}

int facts_check_vocabulary_buf(const char *buf, size_t len, const char *path)
{
	static const char *const modes[] = { "w", "r" };
	static const char *const phases[] = { "setup", "teardown", "runtime" };
	unsigned int lineno = 0;
	char *copy;
	int ret = 0;

	if (check_text(buf, len, path))
		return -1;
	copy = xstrndup(buf, len);
	for (char *l = copy, *nl; !ret && *l; l = nl + 1) {
		char *w[8] = { NULL }, *save = NULL;
		const char *want = NULL;
		int n = 0;

		nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		for (char *t = strtok_r(l, " \t", &save); t && n < 8;
		     t = strtok_r(NULL, " \t", &save))
			w[n++] = t;
		if (!n || w[0][0] == '#') {
			if (!nl)
				break;
			continue;
		}
		if (is_lock_action(w[0])) {
			if (n < 3 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "NAME MODE [ID] after the action, MODE w or r";
			else
				want = lock_options(w + 3, n - 3);
		} else if (!strcmp(w[0], "guard")) {
			if (n != 3 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "CLASS MODE after 'guard', MODE w or r";
		} else if (!strcmp(w[0], "type")) {
			if (n < 2)
				want = "a TYPE after 'type'";
		} else if (!strcmp(w[0], "op")) {
			if (n < 3 || n > 4 || !one_of(w[2], phases, ARRAY_SIZE(phases)) ||
			    (n == 4 && !holds_list(w[3])))
				want = "NAME PHASE [holds=LOCKID[:r],...] after 'op', PHASE "
				       "setup, teardown or runtime";
		} else if (!strcmp(w[0], "attr") ||
			   !strcmp(w[0], "initcall") || !strcmp(w[0], "func")) {
			if (n != 3 || !one_of(w[2], phases, ARRAY_SIZE(phases)))
				want = "NAME PHASE, PHASE setup, teardown or runtime";
		} else if (!strcmp(w[0], "macro")) {
			if (n < 4 || n > 5 || strspn(w[2], "0123456789") != strlen(w[2]) ||
			    (n == 5 && !strchr(w[4], '%')))
				want = "NAME INDEX FIELD [PATTERN] after 'macro', PATTERN with a %";
		} else if (!strcmp(w[0], "callbacks")) {
			if (n != 2 || (strcmp(w[1], "none") &&
				       !one_of(w[1], phases, ARRAY_SIZE(phases))))
				want = "PHASE or none after 'callbacks'";
		} else if (!strcmp(w[0], "thread")) {
			if (n != 3 || strspn(w[2], "0123456789") != strlen(w[2]))
				want = "FUNC INDEX after 'thread'";
		} else if (!strcmp(w[0], "sync") || !strcmp(w[0], "ignore") ||
			   !strcmp(w[0], "join")) {
			if (n != 2)
				want = "a function NAME alone";
		} else if (!strcmp(w[0], "pair")) {
			if (n != 3)
				want = "SETUP TEARDOWN words after 'pair'";
		} else if (!strcmp(w[0], "alloc") || !strcmp(w[0], "fill")) {
			if (n != 2)
				want = "a function NAME after 'alloc' or 'fill'";
		} else if (!strcmp(w[0], "arg")) {
			if (n != 5 || strspn(w[2], "0123456789") != strlen(w[2]) ||
			    !one_of(w[3], phases, ARRAY_SIZE(phases)))
				want = "FUNC INDEX PHASE KIND after 'arg'";
		} else {
			want = "an action: lock, trylock, trylock0, unlock, assert, "
			       "guard, type, op, arg, attr, initcall, func, macro, "
			       "sync, ignore, thread, join, callbacks, pair, alloc or fill";
		}
		if (want) {
			fprintf(stderr, "%s:%u: error: expected %s\n", path, lineno, want);
			ret = -1;
		}
		if (!nl)
			break;
	}
	free(copy);
	return ret;
}

int facts_check_vocabulary(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path) < 0)
		ret = error("%s: %s", path, strerror(errno));
	else
		ret = facts_check_vocabulary_buf(sb.buf, sb.len, path);
	strbuf_release(&sb);
	return ret;
}

int roots_vocab_parse(struct roots_vocab *rv, const char *buf, size_t len, const char *path)
{
	static const struct {
		const char *word;
		enum root_what what;
	} kinds[] = {
		{ "op", ROOT_OP }, { "arg", ROOT_ARG }, { "attr", ROOT_ATTR },
		{ "initcall", ROOT_INITCALL }, { "func", ROOT_FUNC }, { "macro", ROOT_MACRO },
		{ "sync", ROOT_SYNC }, { "ignore", ROOT_IGNORE }, { "pair", ROOT_PAIR },
	};
	char *copy;

	if (facts_check_vocabulary_buf(buf, len, path))
		return -1;
	copy = xstrndup(buf, len);
	for (char *l = copy, *save = NULL, *line; (line = strtok_r(l, "\n", &save)); l = NULL) {
		char *w[6] = { NULL }, *s2 = NULL;
		int n = 0;
		struct root_entry e = { 0 };
		size_t k;

		for (char *t = strtok_r(line, " \t", &s2); t && n < 6; t = strtok_r(NULL, " \t", &s2))
			w[n++] = t;
		if (!n || w[0][0] == '#')
			continue;
		if (!strcmp(w[0], "callbacks")) {
			rv->callbacks = !strcmp(w[1], "none") ? -1 : (int)root_phase(w[1]);
			continue;
		}
		if (is_lock_action(w[0]) && strcmp(w[0], "unlock") && n >= 3 &&
		    !strcmp(w[2], "w")) {
			ALLOC_GROW(rv->takes, rv->nr_takes + 1, rv->alloc_takes);
			rv->takes[rv->nr_takes++] = (struct lock_take){
				xstrdup(w[1]),
				n > 3 && strcmp(w[3], "-") && !strchr(w[3], '=') ? xstrdup(w[3]) : NULL,
			};
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(kinds) && strcmp(w[0], kinds[k].word); k++)
			;
		if (k == ARRAY_SIZE(kinds))
			continue;	/* a type, thread... line: not a root */
		e.what = kinds[k].what;
		e.name = xstrdup(w[1]);
		e.index = -1;
		switch (e.what) {
		case ROOT_ARG:		/* arg NAME INDEX PHASE KIND */
			e.index = atoi(w[2]);
			e.phase = root_phase(w[3]);
			break;
		case ROOT_MACRO:	/* macro NAME INDEX FIELD [PATTERN] */
			e.index = atoi(w[2]);
			e.field = xstrdup(w[3]);
			break;
		case ROOT_PAIR:		/* pair SETUP TEARDOWN */
			e.field = xstrdup(w[2]);
			break;
		case ROOT_SYNC:
		case ROOT_IGNORE:
			break;
		default:		/* op, attr, initcall, func: NAME PHASE */
			e.phase = root_phase(w[2]);
		}
		ALLOC_GROW(rv->v, rv->nr + 1, rv->alloc);
		rv->v[rv->nr++] = e;
	}
	free(copy);
	return 0;
}

int roots_vocab_load(struct roots_vocab *rv, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path) < 0)
		ret = error("%s: cannot read: %s", path, strerror(errno));
	else
		ret = roots_vocab_parse(rv, sb.buf ? sb.buf : "", sb.len, path);
	strbuf_release(&sb);
	return ret;
}

const struct root_entry *roots_vocab_find(const struct roots_vocab *rv, enum root_what what,
					  const char *name, size_t len, int index)
{
	for (int i = 0; i < rv->nr; i++) {
		const struct root_entry *e = &rv->v[i];

		if (e->what == what && strlen(e->name) == len && !memcmp(e->name, name, len) &&
		    (index < 0 || e->index < 0 || e->index == index))
			return e;
	}
	return NULL;
}

const struct lock_take *roots_vocab_take(const struct roots_vocab *rv, const char *name, size_t len)
{
	for (int i = 0; i < rv->nr_takes; i++)
		if (strlen(rv->takes[i].name) == len && !memcmp(rv->takes[i].name, name, len))
			return &rv->takes[i];
	return NULL;
}

void roots_vocab_release(struct roots_vocab *rv)
{
	for (int i = 0; i < rv->nr; i++) {
		free(rv->v[i].name);
		free(rv->v[i].field);
	}
	for (int i = 0; i < rv->nr_takes; i++) {
		free(rv->takes[i].name);
		free(rv->takes[i].id);
	}
	free(rv->v);
	free(rv->takes);
	rv->v = NULL;
	rv->takes = NULL;
	rv->nr = rv->alloc = rv->nr_takes = rv->alloc_takes = 0;
}
