// SPDX-License-Identifier: GPL-2.0
/*
 * The sweep's cheap tier on any file text (sweep_scan()), with the roots
 * vocabulary read from the same bytes (roots_vocab_parse()): both read
 * what is on disk, a tree's files and the data directory.
 */
#include "fuzz.h"
#include "roots_vocab.h"
#include "sweep.h"
#include "util.h"

static const char vocab[] =
	"op\tprobe\tsetup\nop\tremove\tteardown\narg\trequest_irq\t1 runtime irq\n"
	"attr\t__init\tsetup\ninitcall\tmodule_init\tsetup\nsync\tpci_walk_bus\n"
	"ignore\tsizeof\nmacro\tSET_PM\t0 suspend\nfunc\tmain\tsetup\ncallbacks\truntime\n"
	"lock\tspin_lock\tw\ntrylock\tdevice_trylock\tw\t&@0->mutex\tid=device.mutex\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roots_vocab rv = ROOTS_VOCAB_INIT, mine = ROOTS_VOCAB_INIT;
	char *structs[] = { "dev", "foo", "s" };
	struct sweep_scan_ctx c = { .roots = &rv, .structs = structs, .nr_structs = 3 };
	struct strbuf out = STRBUF_INIT;
	char *buf = fuzz_copy(data, size);

	if (roots_vocab_parse(&rv, vocab, sizeof(vocab) - 1, "vocab"))
		abort();
	roots_vocab_parse(&mine, buf, size, "fuzz");
	sweep_scan(&c, buf, size, "f.c", "a,b,c,x,probe", &out);
	roots_vocab_release(&rv);
	roots_vocab_release(&mine);
	strbuf_release(&out);
	free(buf);
	return 0;
}
