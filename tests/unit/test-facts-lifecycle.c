// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "facts_files.h"
#include "parse_options.h"
#include "roots_vocab.h"
#include "unit.h"
#include "util.h"

/* The word pairs, as a roots vocabulary gives them. */
static const char pairs[] =
	"# the kernel's words\n"
	"pair\tadd\tremove\n"
	"pair\tadd\tdel\n"
	"pair\tregister\tunregister\n"
	"op\tprobe\tsetup\n";

/* The partner of name by the want-th pair of rv that gives one, or NULL. */
static char *partner(const struct roots_vocab *rv, const char *name, int want)
{
	int seen = 0;

	for (int k = 0; k < rv->nr; k++) {
		char *p = rv->v[k].what == ROOT_PAIR ?
			lifecycle_partner(name, rv->v[k].name, rv->v[k].field) : NULL;

		if (p && seen++ == want)
			return p;
		free(p);
	}
	return NULL;
}

/*
 * Two pairs are exported; a root reaches gadget_register_dev(), so only the
 * hcd pair is assumed.  usb_add_quirk() has no partner, usb_start_poll()
 * and usb_stop_poll() are no lifecycle pair, and a commented-out export
 * does not count.
 */
static const char core_c[] =
	"int usb_add_hcd(struct usb_hcd *hcd)\n{\n\treturn 0;\n}\n"
	"EXPORT_SYMBOL_GPL(usb_add_hcd);\n"
	"void usb_remove_hcd(struct usb_hcd *hcd)\n{\n}\n"
	"EXPORT_SYMBOL_GPL( usb_remove_hcd );\n"
	"/* EXPORT_SYMBOL(usb_del_hcd); */\n"
	"EXPORT_SYMBOL(usb_add_quirk);\n"
	"EXPORT_SYMBOL(usb_start_poll);\n"
	"EXPORT_SYMBOL(usb_stop_poll);\n"
	"EXPORT_SYMBOL_NS_GPL(gadget_register_dev, USB);\n"
	"EXPORT_SYMBOL_NS_GPL(gadget_unregister_dev, USB);\n";

static const char core_facts[] =
	"func\tcore.c\t1\tusb_add_hcd\t4\n"
	"func\tcore.c\t6\tusb_remove_hcd\t8\n"
	"func\tcore.c\t20\tusb_add_quirk\t22\n"
	"func\tcore.c\t30\tgadget_register_dev\t32\n"
	"func\tcore.c\t40\tgadget_unregister_dev\t42\n"
	"func\tcore.c\t50\tgadget_probe\t52\n"
	"root\tcore.c\t50\tgadget_probe\tsetup\tprobe\n"
	"call\tcore.c\t51\tgadget_probe\tgadget_register_dev\t-\n";

int main(void)
{
	char dir[] = "/tmp/bitsplit-unit-XXXXXX";
	struct opt_list files = { 0 };
	struct facts f = { 0 };
	struct roots_vocab rv = ROOTS_VOCAB_INIT, none = ROOTS_VOCAB_INIT;
	char *path, *p;
	int roots = 0;

	CHECK_INT(roots_vocab_parse(&rv, pairs, strlen(pairs), "pairs.txt"), 0,
		  "the pair lines parse");

	p = partner(&rv, "usb_add_hcd", 0);
	CHECK_STR(p, "usb_remove_hcd", "add -> remove");
	free(p);
	p = partner(&rv, "usb_add_hcd", 1);
	CHECK_STR(p, "usb_del_hcd", "add -> del");
	free(p);
	p = partner(&rv, "input_register_device", 0);
	CHECK_STR(p, "input_unregister_device", "register -> unregister");
	free(p);
	p = partner(&rv, "add_disk", 0);
	CHECK_STR(p, "remove_disk", "the first word");
	free(p);
	CHECK(!partner(&rv, "usb_address_hcd", 0), "a word, not a prefix of one");
	CHECK(!partner(&rv, "usb_unregister_dev", 0), "a teardown name has no setup partner");

	CHECK(mkdtemp(dir) != NULL, "a scratch tree");
	path = xstrfmt("%s/core.c", dir);
	CHECK_INT(write_file_atomic(path, core_c, strlen(core_c)), 0, "write core.c");
	opt_list_append(&files, "core.c");
	CHECK_INT(facts_parse(&f, core_facts, "core.facts"), 0, "parse the facts");
	CHECK_INT(lifecycle_pair_roots(dir, &files, &rv, &f, true), 1, "one pair, the unreached one");
	for (int i = 0; i < f.nr; i++) {
		const struct fact *x = &f.v[i];

		if (x->kind != FACT_ROOT || !strcmp(x->func, "gadget_probe"))
			continue;
		roots++;
		if (!strcmp(x->func, "usb_add_hcd")) {
			CHECK_STR(x->phase, "setup", "the add half is setup");
			CHECK_INT(x->line, 5, "at its export");
			CHECK_STR(x->why, "lifecycle pair with usb_remove_hcd (assumed)",
				  "the assumption is named");
		} else {
			CHECK_STR(x->func, "usb_remove_hcd", "the remove half");
			CHECK_STR(x->phase, "teardown", "the remove half is teardown");
		}
	}
	CHECK_INT(roots, 2, "two roots, no more");
	facts_release(&f);
	memset(&f, 0, sizeof(f));
	CHECK_INT(facts_parse(&f, core_facts, "core.facts"), 0, "parse the facts again");
	CHECK_INT(lifecycle_pair_roots(dir, &files, &none, &f, true), 0,
		  "a vocabulary with no pair lines pairs nothing");
	remove_tree(dir);
	free(path);
	free(files.v);
	facts_release(&f);
	roots_vocab_release(&rv);
	return unit_done();
}
