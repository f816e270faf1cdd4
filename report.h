/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_REPORT_H
#define BITSPLIT_REPORT_H

#include "util.h"
#include "verdict.h"

/*
 * The check report, one file per format.  p is the policy that drives the
 * exit code: the one-line formats (gcc, sarif, org) report the fields that
 * move under it; text and json always show both policies.
 */
void report_text(struct strbuf *out, const struct verdict *v, enum policy p);
void report_gcc(struct strbuf *out, const struct verdict *v, enum policy p);
void report_json(struct strbuf *out, const struct verdict *v, enum policy p);
void report_sarif(struct strbuf *out, const struct verdict *v, enum policy p);
void report_org(struct strbuf *out, const struct verdict *v, enum policy p);

/*
 * Put the structs declared under the PATHs (NULL-terminated) first, then
 * those of the headers they include: the driver's own before the core's.
 */
void report_order(struct verdict *v, const char **paths);

/* What the one-line formats share (report.c). */
#define RULE_RACY_BITFIELD "bitsplit-racy-bitfield"
#define RULE_FIELD_DATA_RACE "bitsplit-field-data-race"

struct finding {
	const struct struct_verdict *sv;
	const struct location_verdict *lv;
	int field;				/* index into lv->fields */
	const struct field_writer *at;		/* the write to point at */
	const struct field_writer *other;	/* the other racing write, or NULL */
	const char *other_field;		/* its field's name, or NULL */
};

/* Calls fn for each field that moves under p, anchored at a run-time write. */
void for_each_finding(const struct verdict *v, enum policy p,
		      void (*fn)(const struct finding *f, void *data), void *data);
/* "vfpci_device.virq_disabled must move out of its memory location: WHY" */
char *finding_message(const struct finding *f, enum policy p);
const char *finding_field(const struct finding *f);
const struct field_writer *first_runtime_writer(const struct field_verdict *fv);
/* "trylock succeeded", "held by every caller", "via wrapper f()", ... */
void lock_how_words(const struct fact_lock *l, struct strbuf *out);
/* "memory_lock (trylock succeeded)", "runtime-PM reference (taken here)" */
void lock_words(const struct fact_lock *l, struct strbuf *out);

/*
 * Pieces of the JSON and SARIF reports for other summaries (the sweep's).
 * sarif_begin() opens the one run up to its tool; the caller adds
 * "results" (and "properties") and sarif_end() closes it.  A result from
 * sarif_begin_result() is an open object: locations go in, then json_end().
 */
struct json;
enum sarif_rule { SARIF_RACY_BITFIELD, SARIF_FIELD_DATA_RACE };	/* rules[] of report_sarif.c */
void report_json_location(struct json *j, const struct struct_verdict *sv,
			  const struct location_verdict *lv);
void sarif_begin(struct json *j, struct strbuf *out);
void sarif_end(struct json *j);
void sarif_begin_result(struct json *j, enum sarif_rule rule, const char *level, const char *msg);
void sarif_location(struct json *j, const char *file, unsigned int line, unsigned int col,
		    const char *msg);

#endif
