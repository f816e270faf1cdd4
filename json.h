/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_JSON_H
#define BITSPLIT_JSON_H

#include <stdbool.h>

#include "util.h"

/*
 * A streaming JSON writer with two-space indentation.  Commas and
 * indentation are tracked here, so callers only say what comes next:
 *
 *	json_begin_object(&j, NULL);
 *	json_string(&j, "name", s->name);
 *	json_begin_array(&j, "members");
 *	...
 *	json_end(&j);
 *	json_end(&j);
 *
 * key is NULL inside arrays and for the top-level value.
 */
struct json {
	struct strbuf *out;
	int depth;
	bool first[64];		/* nothing written yet at this depth */
	char close[64];		/* the bracket that ends this depth */
};

void json_init(struct json *j, struct strbuf *out);
void json_begin_object(struct json *j, const char *key);
void json_begin_array(struct json *j, const char *key);
void json_end(struct json *j);	/* closes the innermost object or array */
void json_string(struct json *j, const char *key, const char *val);	/* NULL: null */
void json_int(struct json *j, const char *key, long long val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/* Append s as a quoted JSON string literal. */
void json_quote(struct strbuf *out, const char *s);

#endif
