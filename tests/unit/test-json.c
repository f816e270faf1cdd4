// SPDX-License-Identifier: GPL-2.0
#include "json.h"
#include "unit.h"

int main(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;

	json_init(&j, &sb);
	json_begin_object(&j, NULL);
	json_string(&j, "name", "a \"quoted\"\tname\\");
	json_begin_array(&j, "empty");
	json_end(&j);
	json_begin_array(&j, "list");
	json_int(&j, NULL, -3);
	json_bool(&j, NULL, true);
	json_string(&j, NULL, NULL);
	json_end(&j);
	json_end(&j);
	CHECK_STR(sb.buf,
		  "{\n"
		  "  \"name\": \"a \\\"quoted\\\"\\tname\\\\\",\n"
		  "  \"empty\": [],\n"
		  "  \"list\": [\n"
		  "    -3,\n"
		  "    true,\n"
		  "    null\n"
		  "  ]\n"
		  "}\n",
		  "nested object, escapes, empty array");

	strbuf_reset(&sb);
	json_quote(&sb, "\x01\n");
	CHECK_STR(sb.buf, "\"\\u0001\\n\"", "control characters are escaped");
	strbuf_release(&sb);
	return unit_done();
}
