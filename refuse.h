/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_REFUSE_H
#define BITSPLIT_REFUSE_H

#include "layout.h"
#include "parse_options.h"

/*
 * Structs whose layout is an ABI or is relied on must not have members
 * moved: uapi headers, userspace copies under tools/, __packed,
 * __randomize_layout, hardware register
 * overlays (a bitfield struct in a union with a plain integer word),
 * structs whose size or offsets a static_assert/BUILD_BUG_ON pins, and
 * structs built with positional initializers.
 *
 * header is the defining file relative to tree, text its contents; the
 * files under paths (relative to tree) are searched for the asserts and
 * initializers.  Returns why the struct is refused, or NULL.
 */
char *refuse_struct(const char *tree, const char *header, const char *text,
		    const struct bs_struct *s, const struct bs_layout *l,
		    const struct opt_list *paths);

#endif
