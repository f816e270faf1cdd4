// SPDX-License-Identifier: GPL-2.0
/*
 * A writer in a maintainer's words, for the commit message and the struct
 * comments: the context it runs in ("ioctl", "config-space write",
 * "runtime-PM callback", "reset path") rather than the call chain that
 * reaches it, and what it holds.
 */
#include "writer_words.h"

#include <stdlib.h>
#include <string.h>

/* The ops fields and root kinds whose context has a name of its own. */
static const struct {
	const char *kind, *one, *many;
} contexts[] = {
	{ "ioctl", "ioctl", "ioctls" },
	{ "unlocked_ioctl", "ioctl", "ioctls" },
	{ "compat_ioctl", "ioctl", "ioctls" },
	{ "runtime_suspend", "runtime-PM callback", "runtime-PM callbacks" },
	{ "runtime_resume", "runtime-PM callback", "runtime-PM callbacks" },
	{ "runtime_idle", "runtime-PM callback", "runtime-PM callbacks" },
	{ "suspend", "system-sleep callback", "system-sleep callbacks" },
	{ "resume", "system-sleep callback", "system-sleep callbacks" },
	{ "freeze", "system-sleep callback", "system-sleep callbacks" },
	{ "thaw", "system-sleep callback", "system-sleep callbacks" },
	{ "poweroff", "system-sleep callback", "system-sleep callbacks" },
	{ "restore", "system-sleep callback", "system-sleep callbacks" },
	{ "reset_prepare", "reset path", "reset paths" },
	{ "reset_done", "reset path", "reset paths" },
	{ "error_detected", "reset path", "reset paths" },
	{ "slot_reset", "reset path", "reset paths" },
	{ "notifier_call", "notifier", "notifiers" },
	{ "sriov_configure", "SR-IOV configuration", "SR-IOV configuration" },
	{ "irq", "interrupt handler", "interrupt handlers" },
	{ "irq_thread", "threaded interrupt handler", "threaded interrupt handlers" },
	{ "work", "work item", "work items" },
	{ "timer", "timer", "timers" },
	{ "tasklet", "tasklet", "tasklets" },
	{ "thread", "thread", "threads" },
	/* setup and teardown: the phase is the context */
	{ "probe", "probe", "probe" },
	{ "open_device", "open", "open" },
	{ "open", "open", "open" },
	{ "close_device", "close", "close" },
	{ "release", "release", "release" },
	{ "remove", "remove", "remove" },
	{ "init", "init", "init" },
};

/* The last occurrence of needle in s, or NULL. */
static const char *strrstr(const char *s, const char *needle)
{
	const char *last = NULL;

	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		last = p;
	return last;
}

/* "write" for "from write: vfpci_write -> ...", or NULL. */
static char *root_kind(const struct field_writer *w)
{
	const char *why = w->phase_why, *kind;
	size_t n;

	if (!why || !starts_with(why, "from "))
		return NULL;
	kind = why + strlen("from ");
	n = strcspn(kind, ":");
	return kind[n] ? xstrndup(kind, n) : NULL;
}

char *writer_context(const struct field_writer *w, bool plural)
{
	const char *why = w->phase_why ? w->phase_why : "";
	char *kind, *ret = NULL;

	/*
	 * A config-space write is often reached through an op it shares with
	 * reads (vfio's read/write file ops both go through one rw path):
	 * what the function does names it better than the op.
	 */
	if (w->phase == PHASE_RUNTIME) {
		const char *wr = strstr(writer_func(w), "config_write");
		const char *rd = strstr(writer_func(w), "config_read");

		/* else the nearest such function on the path from the root */
		if (!wr && !rd) {
			wr = strrstr(why, "config_write");
			rd = strrstr(why, "config_read");
		}
		if (wr && (!rd || wr > rd))
			return xstrdup(plural ? "config-space writes" : "config-space write");
		if (rd)
			return xstrdup(plural ? "config-space reads" : "config-space read");
	}
	if (starts_with(why, "writes a sibling"))
		return xstrdup(plural ? "walks over sibling objects" : "walk over sibling objects");
	kind = root_kind(w);
	if (!kind)
		return xstrdup(plural ? "unknown callers" : "unknown caller");
	for (size_t i = 0; i < ARRAY_SIZE(contexts) && !ret; i++)
		if (!strcmp(kind, contexts[i].kind))
			ret = xstrdup(plural ? contexts[i].many : contexts[i].one);
	if (!ret && (!strcmp(kind, "read") || !strcmp(kind, "write")))
		ret = xstrfmt("%s file op%s", kind, plural ? "s" : "");
	if (!ret)
		ret = xstrfmt("%s op%s", kind, plural ? "s" : "");
	free(kind);
	return ret;
}

void writer_locks(const struct field_writer *w, struct strbuf *out)
{
	struct strbuf names = STRBUF_INIT;
	char **seen = xcalloc((size_t)w->nr_locks + 1, sizeof(*seen));
	int nr = 0;
	bool ref = false, implied = false;

	for (int i = 0; i < w->nr_locks; i++) {
		const struct fact_lock *l = &w->locks[i];
		char *name;
		bool dup = false;

		if (l->how && (!strcmp(l->how, "pm") || !strcmp(l->how, "root"))) {
			implied = true;		/* the context says it */
			continue;
		}
		if (!strcmp(l->id, RUNTIME_PM_LOCK)) {
			ref = true;
			continue;
		}
		/* "?d->lock": a lock of unknown type is still named by its text */
		name = xstrfmt("%s%s", lock_short_name(l->id + (l->id[0] == '?')),
			       l->mode == LOCK_SHARED ? " for reading" : "");
		for (int k = 0; k < nr && !dup; k++)
			dup = !strcmp(seen[k], name);
		if (dup)
			free(name);
		else
			seen[nr++] = name;
	}
	for (int k = 0; k < nr; k++)
		strbuf_addf(&names, "%s%s", k == 0 ? "" : k == nr - 1 ? " and " : ", ", seen[k]);
	if (nr)
		strbuf_addf(out, "under %s%s", names.buf, ref ? " and a runtime-PM reference" : "");
	else if (ref && !implied)
		strbuf_addstr(out, "holding only a runtime-PM reference");
	else if (!implied)
		strbuf_addstr(out, "with no lock");
	for (int k = 0; k < nr; k++)
		free(seen[k]);
	strbuf_release(&names);
	free(seen);
}
