// SPDX-License-Identifier: GPL-2.0
#include "json.h"

#include <string.h>

void json_init(struct json *j, struct strbuf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

void json_quote(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			strbuf_addstr(out, "\\\"");
			break;
		case '\\':
			strbuf_addstr(out, "\\\\");
			break;
		case '\n':
			strbuf_addstr(out, "\\n");
			break;
		case '\t':
			strbuf_addstr(out, "\\t");
			break;
		case '\r':
			strbuf_addstr(out, "\\r");
			break;
		default:
			if (*p < 0x20)
				strbuf_addf(out, "\\u%04x", *p);
			else
				strbuf_addch(out, *p);
		}
	}
	strbuf_addch(out, '"');
}

static void indent(struct json *j)
{
	strbuf_addch(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		strbuf_addstr(j->out, "  ");
}

/* Separator, newline and key before any value. */
static void prefix(struct json *j, const char *key)
{
	if (j->depth) {
		if (!j->first[j->depth])
			strbuf_addch(j->out, ',');
		j->first[j->depth] = false;
		indent(j);
	}
	if (key) {
		json_quote(j->out, key);
		strbuf_addstr(j->out, ": ");
	}
}

static void begin(struct json *j, const char *key, char open)
{
	prefix(j, key);
	strbuf_addch(j->out, open);
	if (++j->depth >= (int)ARRAY_SIZE(j->first))
		die("JSON nested too deeply");
	j->first[j->depth] = true;
	j->close[j->depth] = open == '{' ? '}' : ']';
}

void json_begin_object(struct json *j, const char *key)
{
	begin(j, key, '{');
}

void json_begin_array(struct json *j, const char *key)
{
	begin(j, key, '[');
}

void json_end(struct json *j)
{
	bool empty = j->first[j->depth];
	char close = j->close[j->depth];

	j->depth--;
	if (!empty)
		indent(j);
	strbuf_addch(j->out, close);
	if (!j->depth)
		strbuf_addch(j->out, '\n');
}

void json_string(struct json *j, const char *key, const char *val)
{
	prefix(j, key);
	if (val)
		json_quote(j->out, val);
	else
		strbuf_addstr(j->out, "null");
}

void json_int(struct json *j, const char *key, long long val)
{
	prefix(j, key);
	strbuf_addf(j->out, "%lld", val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	prefix(j, key);
	strbuf_addstr(j->out, val ? "true" : "false");
}

void json_null(struct json *j, const char *key)
{
	prefix(j, key);
	strbuf_addstr(j->out, "null");
}
