// SPDX-License-Identifier: GPL-2.0
/*
 * SARIF 2.1.0 for code scanning: one result per field that moves under the
 * policy, at its run-time write, with the write it races with as a related
 * location; one result per data race on a single field.
 */
#include "report.h"

#include <stdlib.h>

#include "json.h"

static const struct {
	const char *id, *name, *text;
} rules[] = {
	[SARIF_RACY_BITFIELD] = { RULE_RACY_BITFIELD, "RacyBitfield",
	  "A bitfield shares a C11 memory location with another field and is written "
	  "from a context that does not serialize against that field's writers: a "
	  "read-modify-write of the location can drop the other field's update." },
	[SARIF_FIELD_DATA_RACE] = { RULE_FIELD_DATA_RACE, "FieldDataRace",
	  "Two run-time writers of the same field hold no common lock: a data race on "
	  "the field itself, which splitting the bitfield does not fix." },
};

void sarif_location(struct json *j, const char *file, unsigned int line, unsigned int col,
		    const char *msg)
{
	json_begin_object(j, NULL);
	json_begin_object(j, "physicalLocation");
	json_begin_object(j, "artifactLocation");
	json_string(j, "uri", file);
	json_end(j);
	json_begin_object(j, "region");
	json_int(j, "startLine", line);
	if (col)
		json_int(j, "startColumn", col);
	json_end(j);
	json_end(j);
	if (msg) {
		json_begin_object(j, "message");
		json_string(j, "text", msg);
		json_end(j);
	}
	json_end(j);
}

static void location(struct json *j, const struct field_writer *w, const char *msg)
{
	sarif_location(j, w->write->file, w->write->line, w->write->col, msg);
}

void sarif_begin_result(struct json *j, enum sarif_rule rule, const char *level, const char *msg)
{
	json_begin_object(j, NULL);
	json_string(j, "ruleId", rules[rule].id);
	json_int(j, "ruleIndex", rule);
	json_string(j, "level", level);
	json_begin_object(j, "message");
	json_string(j, "text", msg);
	json_end(j);
}

static void result(struct json *j, enum sarif_rule rule, const char *msg, const struct field_writer *at,
		   const struct field_writer *other, const char *other_msg)
{
	sarif_begin_result(j, rule, "warning", msg);
	json_begin_array(j, "locations");
	location(j, at, NULL);
	json_end(j);
	if (other) {
		json_begin_array(j, "relatedLocations");
		location(j, other, other_msg);
		json_end(j);
	}
	json_end(j);
}

struct sarif_ctx {
	struct json *j;
	enum policy p;
};

static void sarif_finding(const struct finding *f, void *data)
{
	struct sarif_ctx *c = data;
	char *msg = finding_message(f, c->p);
	char *other = f->other ? xstrfmt("%s is written here by %s", f->other_field,
					 writer_func(f->other)) : NULL;

	result(c->j, SARIF_RACY_BITFIELD, msg, f->at, f->other, other);
	free(msg);
	free(other);
}

void sarif_begin(struct json *j, struct strbuf *out)
{
	json_init(j, out);
	json_begin_object(j, NULL);
	json_string(j, "version", "2.1.0");
	json_string(j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_begin_array(j, "runs");
	json_begin_object(j, NULL);
	json_begin_object(j, "tool");
	json_begin_object(j, "driver");
	json_string(j, "name", "bitsplit");
	json_string(j, "version", BITSPLIT_VERSION);
	json_begin_array(j, "rules");
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		json_begin_object(j, NULL);
		json_string(j, "id", rules[i].id);
		json_string(j, "name", rules[i].name);
		json_begin_object(j, "shortDescription");
		json_string(j, "text", rules[i].text);
		json_end(j);
		json_begin_object(j, "defaultConfiguration");
		json_string(j, "level", "warning");
		json_end(j);
		json_end(j);
	}
	json_end(j);
	json_end(j);
	json_end(j);
}

void sarif_end(struct json *j)
{
	json_end(j);
	json_end(j);
	json_end(j);
}

void report_sarif(struct strbuf *out, const struct verdict *v, enum policy p)
{
	struct json j;
	struct sarif_ctx c = { &j, p };

	sarif_begin(&j, out);
	json_begin_array(&j, "results");
	for_each_finding(v, p, sarif_finding, &c);
	for (int i = 0; i < v->nr; i++)
		for (int l = 0; l < v->v[i].nr_locs; l++)
			for (int k = 0; k < v->v[i].locs[l].nr_fields; k++) {
				const struct field_verdict *fv = &v->v[i].locs[l].fields[k];

				if (fv->data_race)
					result(&j, SARIF_FIELD_DATA_RACE, fv->data_race, first_runtime_writer(fv),
					       NULL, NULL);
			}
	json_end(&j);
	sarif_end(&j);
}
