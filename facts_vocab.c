// SPDX-License-Identifier: GPL-2.0
/*
 * Check a lock or root vocabulary (semantic-patches/locks-*.txt,
 * roots-*.txt, --data files) before spatch reads it: facts.cocci would
 * skip a line it does not understand, and a misspelt lock would then be
 * dropped without a word.
 */
#include "facts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
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
		char *w[6] = { NULL }, *save = NULL;
		const char *want = NULL;
		int n = 0;

		nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		for (char *t = strtok_r(l, " \t", &save); t && n < 6;
		     t = strtok_r(NULL, " \t", &save))
			w[n++] = t;
		if (!n || w[0][0] == '#') {
			if (!nl)
				break;
			continue;
		}
		if (!strcmp(w[0], "lock") || !strcmp(w[0], "trylock") ||
		    !strcmp(w[0], "trylock0") || !strcmp(w[0], "unlock") ||
		    !strcmp(w[0], "assert")) {
			if (n < 3 || n > 4 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "NAME MODE [ID] after the action, MODE w or r";
		} else if (!strcmp(w[0], "guard")) {
			if (n != 3 || !one_of(w[2], modes, ARRAY_SIZE(modes)))
				want = "CLASS MODE after 'guard', MODE w or r";
		} else if (!strcmp(w[0], "type")) {
			if (n < 2)
				want = "a TYPE after 'type'";
		} else if (!strcmp(w[0], "op") || !strcmp(w[0], "attr") ||
			   !strcmp(w[0], "initcall") || !strcmp(w[0], "func")) {
			if (n != 3 || !one_of(w[2], phases, ARRAY_SIZE(phases)))
				want = "NAME PHASE, PHASE setup, teardown or runtime";
		} else if (!strcmp(w[0], "macro")) {
			if (n < 4 || n > 5 || strspn(w[2], "0123456789") != strlen(w[2]) ||
			    (n == 5 && !strchr(w[4], '%')))
				want = "NAME INDEX FIELD [PATTERN] after 'macro', PATTERN with a %";
		} else if (!strcmp(w[0], "sync") || !strcmp(w[0], "ignore")) {
			if (n != 2)
				want = "a function NAME alone";
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
			       "sync, ignore, alloc or fill";
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
